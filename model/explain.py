"""Which words pushed a stance decision: linear weights times feature values."""

from __future__ import annotations

import numpy as np

from model.text import clause_tokens, stem

TOP_FEATURES = 6


def linear_parts(model):
    """Return (vectorizer, linear classifier) inside a (calibrated) pipeline."""
    inner = (
        model.calibrated_classifiers_[0].estimator
        if hasattr(model, "calibrated_classifiers_")
        else model
    )
    return inner.steps[0][1], inner.steps[-1][1]


def explain_linear(model, text: str, label: str, top: int = TOP_FEATURES) -> list[dict]:
    """The features of ``text`` with the largest contribution towards ``label``.

    Parameters
    ----------
    model : fitted Pipeline or CalibratedClassifierCV over a Pipeline
        Its first step a vectorizer, its last a linear classifier.
    text : str
        The (masked) text the model saw.
    label : str
        The class to explain.

    Returns
    -------
    list of dict
        ``{"feature": ..., "weight": ...}``, largest absolute weight first;
        positive weights pushed towards ``label``, negative ones away from it.
    """
    vectorizer, classifier = linear_parts(model)
    row = vectorizer.transform([text]).tocsr()
    classes = list(classifier.classes_)
    coef = classifier.coef_
    if coef.shape[0] == 1:  # binary: one row, for classes_[1]
        sign = 1.0 if classes.index(label) == 1 else -1.0
        weights = sign * coef[0]
    else:
        k = classes.index(label)
        # Softmax: what pushes towards k is its weight relative to the mean of the others.
        weights = coef[k] - np.delete(coef, k, axis=0).mean(axis=0)
    names = vectorizer.get_feature_names_out()
    contributions = [(names[j], float(v * weights[j])) for j, v in zip(row.indices, row.data)]
    contributions.sort(key=lambda item: -abs(item[1]))
    surface = _surface_forms(text)
    return [
        {"feature": readable(f, surface), "weight": round(w, 4)}
        for f, w in contributions[:top]
        if w != 0
    ]


SPECIAL = {
    "vader_compound": "overall tone (VADER)",
    "vader_pos": "positive words (VADER)",
    "vader_neg": "negative words (VADER)",
    "vader_neu": "neutral words (VADER)",
}


def _surface_forms(text: str) -> dict[str, str]:
    """Map each stem of ``text`` to the word it came from ("missil" -> "missiles")."""
    forms: dict[str, str] = {}
    for clause in clause_tokens(text):
        for token in clause:
            forms.setdefault(stem(token), token)
    return forms


def readable(feature: str, surface: dict[str, str]) -> str:
    """A feature name as a reader would say it: words as written, tone and cues named."""
    name = feature.split("__", 1)[-1]
    if name in SPECIAL:
        return SPECIAL[name]
    if name.startswith("cue_not_"):
        return f"negated {name[len('cue_not_') :]} cue words (lexicon)"
    if name.startswith("cue_"):
        return f"{name[len('cue_') :]} cue words (lexicon)"
    negated = name.startswith("NOT_")
    words = " ".join(surface.get(part, part) for part in name.removeprefix("NOT_").split())
    return f"not … {words}" if negated else words
