"""Move cues: words and phrases that usually signal a stance, counted per stance.

The lexicon (``datasets/move_lexicon.csv``) is data written from the labeling
guide's table of moves, not learned from the corpus. Its counts give the
stance model evidence for wording the corpus never used ("rebuked",
"airlifted"); the model learns how far to trust each class of cue. A cue
inside a negation's scope counts for its class's negated column instead
("did not rule out talks").
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from model.labels import STANCE_LABELS
from model.text import NEGATION_CUES, NEGATION_SCOPE, clause_tokens, stem

MAX_CUE_WORDS = 3


class LexiconError(ValueError):
    """The move lexicon file is malformed; the message names file and line."""


def read_move_lexicon(path: str | Path) -> tuple[tuple[str, str], ...]:
    """Read ``cue,stance`` rows; returns them as a tuple of pairs."""
    path = Path(path)
    pairs = []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise LexiconError(f"{path}: not UTF-8 text") from None
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["cue", "stance"]:
            raise LexiconError(f"{path}:1: header must be cue,stance")
        for row in reader:
            cue, stance = (row["cue"] or "").strip().lower(), (row["stance"] or "").strip()
            if not cue or stance not in STANCE_LABELS:
                raise LexiconError(f"{path}:{reader.line_num}: bad cue or stance {row!r}")
            pairs.append((cue, stance))
    return tuple(pairs)


def _cue_key(cue: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in clause_tokens(cue)[0])


class MoveCues(TransformerMixin, BaseEstimator):
    """Count lexicon cues per stance (and negated cues per stance) in each text.

    Parameters
    ----------
    lexicon : tuple of (cue, stance) pairs
    weight : float
        Multiplier of the counts, to balance them against TF-IDF features.
    """

    def __init__(self, lexicon=(), weight=1.0):
        self.lexicon = lexicon
        self.weight = weight

    def fit(self, X, y=None):
        if isinstance(X, str):
            raise ValueError("MoveCues expects a list of texts, not one string")
        cues: dict[tuple[str, ...], int] = {}
        for cue, stance in self.lexicon:
            if stance not in STANCE_LABELS:
                raise ValueError(f"unknown stance {stance!r} for cue {cue!r}")
            key = _cue_key(cue)
            if key and len(key) <= MAX_CUE_WORDS:
                cues[key] = STANCE_LABELS.index(stance)
        self.cues_ = cues
        self.n_features_out_ = 2 * len(STANCE_LABELS)
        return self

    def _row(self, text: str) -> list[float]:
        counts = [0.0] * self.n_features_out_
        offset = len(STANCE_LABELS)
        for clause in clause_tokens(text):
            stems = [stem(t) for t in clause]
            scope = 0
            i = 0
            while i < len(stems):
                size = self._match(stems, i)
                if size:
                    counts[self.cues_[tuple(stems[i : i + size])] + (offset if scope else 0)] += 1.0
                    scope = max(0, scope - size)
                    if clause[i] in NEGATION_CUES:  # "rejected talks": a cue that also negates
                        scope = NEGATION_SCOPE
                    i += size  # words inside a matched phrase do not count again
                    continue
                if clause[i] in NEGATION_CUES:
                    scope = NEGATION_SCOPE
                else:
                    scope = max(0, scope - 1)
                i += 1
        return counts

    def _match(self, stems: list[str], i: int) -> int:
        """Length of the longest cue starting at ``i``, 0 if none."""
        for size in range(MAX_CUE_WORDS, 0, -1):
            if i + size <= len(stems) and tuple(stems[i : i + size]) in self.cues_:
                return size
        return 0

    def transform(self, X):
        check_is_fitted(self, "cues_")
        rows = np.array([self._row(text) for text in X], dtype=float)
        return np.log1p(rows) * self.weight

    def get_feature_names_out(self, input_features=None):
        names = [f"cue_{s}" for s in STANCE_LABELS] + [f"cue_not_{s}" for s in STANCE_LABELS]
        return np.array(names, dtype=object)
