"""The fit score: a cheap, offline, explainable 0-100 match of a profile and a posting.

It orders the inbox (every pending posting is scored, in batches) and gives the analysis its match
score, so the two agree. Interface, for callers:

    from ai_coach.engines.fit import FitScorer, FitResult

    scorer = FitScorer()                      # once per process; models load lazily, once
    results = scorer.score(profile, jobs)     # ProfileInput, Sequence[JobInput] -> list[FitResult]
    best = max(zip(jobs, results), key=lambda pair: pair[1].score)

``FitResult``: ``score`` (0-100, one decimal), ``confidence`` (0-1), ``components`` (``FitComponent``:
name, weight, value 0-1, one-sentence reason; ``score == round(100 * sum(weight * value), 1)`` when
confidence is at least 0.5, and pulled toward 50 below: confidence.py), ``top_reasons`` (at most three
sentences, the most telling first; a "Little to judge" note leads when the texts are too thin to judge),
``missing`` (what the posting or profile lacks, e.g. "no description", "no skills listed") and ``model`` (``FitScorer.version``: store it with the score
and rescore when it changes). ``to_dict``/``from_dict`` give a JSON-ready form.

Scores depend only on the profile and the posting (never on the other postings of the batch), are
deterministic, and need no network: the embeddings come from the ``wordllama`` wheel, the occupations
from O*NET and the word rarity from ESCO, both shipped as data tables (data/NOTICE.md).

The components (weights in scorer.WEIGHTS, fitted on the development half of the ranking data):
- ``occupation``: are the CV and the posting's title in the same occupational family (occupation.py);
- ``skills``: how many of the hard skills the posting names the candidate has; soft skills never count
  (skills.py);
- ``semantic``: how close the two texts are in meaning (WordLlama, semantic.py);
- ``lexical``: BM25 of the posting for the CV's words with a fixed background IDF (lexical.py).
"""

from ai_coach.engines.fit.result import FitComponent, FitResult
from ai_coach.engines.fit.scorer import MODEL_VERSION, WEIGHTS, FitScorer

__all__ = ["MODEL_VERSION", "WEIGHTS", "FitComponent", "FitResult", "FitScorer"]
