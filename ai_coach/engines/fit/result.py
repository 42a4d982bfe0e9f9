"""What the fit score returns: a number, its parts with their reasons, and how sure it is."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class FitComponent:
    """One part of the score: it contributes ``100 * weight * value`` points."""

    name: str  # "occupation" | "skills" | "semantic" | "lexical"
    weight: float  # share of the total; the weights of a result sum to 1
    value: float  # 0..1
    reason: str  # one sentence for the user


@dataclass(frozen=True, slots=True)
class FitResult:
    score: float  # 0..100, one decimal; higher is a better fit
    confidence: float  # 0..1: how much the texts allowed to judge
    components: list[FitComponent] = field(default_factory=list)
    top_reasons: list[str] = field(default_factory=list)  # at most three sentences, most telling first
    missing: list[str] = field(default_factory=list)  # what the posting (or profile) lacks to judge well
    model: str = ""  # the model version that computed it (see FitScorer.version)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FitResult:
        return cls(
            score=float(data["score"]),
            confidence=float(data["confidence"]),
            components=[FitComponent(**part) for part in data.get("components", [])],
            top_reasons=list(data.get("top_reasons", [])),
            missing=list(data.get("missing", [])),
            model=str(data.get("model", "")),
        )
