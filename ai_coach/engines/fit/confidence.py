"""What a fit score does when there is little to judge: it says so, and it is pulled toward the middle.

A posting of a title and one line can reach 96 on its title alone; placed first in the inbox, a number
built on so little would outrank postings the scorer could actually read. So the last step of the score
(FitScorer._result) takes the components' total (``raw``) and its confidence, and returns

    score = NEUTRAL_SCORE + min(1, confidence / LOW_CONFIDENCE) × (raw − NEUTRAL_SCORE)

- at LOW_CONFIDENCE (0.5) or more the score is the total, unchanged: most postings (96% of the ranking
  data's pairs) are judged as they are;
- below it the score moves toward NEUTRAL_SCORE (50, the middle of the scale: "can't tell") in proportion
  to what is missing: 96 at confidence 0.15 becomes 50 + 0.3 × 46 = 63.8, and 20 becomes 41;
- the score's first reason says so ("Little to judge: no description, no skills listed …"), with the
  total the parts add up to, so the user sees what the number rests on.

The order of the inbox is the order of these scores (discovery sorts by the stored score). Measured on
the ranking data (docs/fit_score.md): dev 0.7584 → 0.7580, check 0.7711 → 0.7671; the changes are three
resumes, each moved by one thin posting (two "English Teacher Abroad" teasers leave an HR resume's top
ten; a 22-word "Internal Recruiter" posting, relevant, leaves two others').
"""

from __future__ import annotations

from collections.abc import Sequence

# Below this confidence a score is "little to judge": it says so first, and it is pulled toward the middle.
LOW_CONFIDENCE = 0.5
# Where a score with nothing to go on would sit: the middle of the scale, neither a fit nor a misfit.
NEUTRAL_SCORE = 50.0


def shrunk(raw: float, confidence: float) -> float:
    """The score shown and sorted by: ``raw`` (0-100) pulled toward NEUTRAL_SCORE as confidence falls below
    LOW_CONFIDENCE (see the module's docstring)."""
    trust = min(1.0, max(0.0, confidence) / LOW_CONFIDENCE)
    return NEUTRAL_SCORE + trust * (raw - NEUTRAL_SCORE)


def little_to_judge(missing: Sequence[str], confidence: float, raw: float, score: float) -> str:
    """The first reason of a low-confidence score: what is missing, and what the number rests on."""
    lacking = ", ".join(missing) if missing else "the texts are too short"
    note = f"Little to judge (confidence {confidence:.0%}): {lacking}."
    if round(raw) != round(score):
        note += (f" The parts add up to {raw:.0f}; the score is pulled toward {NEUTRAL_SCORE:.0f} until there "
                 "is more to read.")
    return note
