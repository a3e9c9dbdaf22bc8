"""The small trained line model: logistic regression stored as JSON.

JSON instead of pickle: safe to load, diffable, a few kilobytes, and no
scikit-learn import at run time (scoring is one matrix-vector product).
``python -m lab.boilerplate.train`` rebuilds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from chronicle.boilerplate.features import FEATURE_NAMES


@dataclass(frozen=True)
class LineModel:
    """Standardised logistic regression: p(content) = sigmoid(w . (x - mean) / scale + b)."""

    feature_names: tuple[str, ...]
    weights: tuple[float, ...]  # already divided by the feature scale
    intercept: float  # already includes -sum(w * mean / scale)
    meta: dict[str, object]

    def predict(self, rows: np.ndarray) -> list[float]:
        """Probability of article content for each feature row."""
        if len(rows) == 0:
            return []
        # Clamp to avoid overflow in exp for extreme rows.
        z = np.clip(rows @ self._weight_vector() + self.intercept, -30.0, 30.0)
        return (1.0 / (1.0 + np.exp(-z))).tolist()

    def _weight_vector(self) -> np.ndarray:
        return _as_vector(self.weights)

    def to_json(self) -> str:
        """Serialise with names, so a feature-order mismatch is caught on load."""
        return json.dumps(
            {
                "kind": "logistic_regression",
                "feature_names": list(self.feature_names),
                "weights": [round(w, 8) for w in self.weights],
                "intercept": round(self.intercept, 8),
                "meta": self.meta,
            },
            indent=1,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LineModel:
        """Load and check that the features match this code's FEATURE_NAMES."""
        data = json.loads(text)
        names = tuple(data["feature_names"])
        if names != FEATURE_NAMES:
            raise ValueError(
                "line model was trained on other features; rebuild it with "
                "`python -m lab.boilerplate.train`"
            )
        return cls(names, tuple(data["weights"]), float(data["intercept"]), data.get("meta", {}))


@lru_cache(maxsize=8)
def _as_vector(weights: tuple[float, ...]) -> np.ndarray:
    return np.asarray(weights, dtype=float)


@lru_cache(maxsize=4)
def load_model(path: str) -> LineModel:
    """Load (and cache) a model file."""
    return LineModel.from_json(Path(path).read_text(encoding="utf-8"))
