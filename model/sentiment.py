"""Sentiment: a learned model informed by VADER's lexicon.

VADER's scores (from the lexicon the ``vaderSentiment`` package ships, read
from disk, never downloaded) enter a logistic regression as four features
beside the sentence's words; the model learns from the corpus how much to
trust them. The continuous score is P(positive) - P(negative), in [-1, 1].
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

VADER_FIELDS = ("compound", "pos", "neg", "neu")
VADER_THRESHOLD = 0.05


@lru_cache(maxsize=1)
def vader() -> SentimentIntensityAnalyzer:
    """The process's one VADER analyzer (loading the lexicon takes ~0.1 s)."""
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1 << 13)
def _vader_row(text: str) -> tuple[float, ...]:
    scores = vader().polarity_scores(text)
    return tuple(scores[f] for f in VADER_FIELDS)


def vader_scores(text: str) -> dict[str, float]:
    """VADER's polarity scores of ``text`` (cached: cross-validation sees each text often)."""
    return dict(zip(VADER_FIELDS, _vader_row(text)))


def vader_label(compound: float, threshold: float = VADER_THRESHOLD) -> str:
    """VADER's usual reading of a compound score: +-0.05 bounds neutral."""
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


class VaderFeatures(TransformerMixin, BaseEstimator):
    """Turn texts into VADER's compound, positive, negative and neutral scores.

    Parameters
    ----------
    weight : float
        Multiplier of the four scores, to balance them against sparse word
        features in the same linear model.
    """

    def __init__(self, weight=1.0):
        self.weight = weight

    def fit(self, X, y=None):
        if isinstance(X, str):
            raise ValueError("VaderFeatures expects a list of texts, not one string")
        if self.weight <= 0:
            raise ValueError(f"weight must be positive, got {self.weight}")
        self.n_features_out_ = len(VADER_FIELDS)
        return self

    def transform(self, X):
        check_is_fitted(self, "n_features_out_")
        out = np.array([_vader_row(text) for text in X], dtype=float).reshape(-1, len(VADER_FIELDS))
        return out * self.weight

    def get_feature_names_out(self, input_features=None):
        return np.array([f"vader_{f}" for f in VADER_FIELDS], dtype=object)
