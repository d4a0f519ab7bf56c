"""Choose the actor of a statement among its candidates.

Two small linear models, both blind to which actor a name denotes:

- a ranker scores each candidate (name or reference) on its cues in the
  sentence (:func:`model.candidates.candidate_features`);
- a gate estimates the probability that the statement reports no party's
  posture at all (scene-setting, statistics), from its masked words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.utils.validation import check_is_fitted

from model.candidates import Candidate, candidate_features
from model.labels import NO_ACTOR
from model.text import stance_features

RANKER_C = 1.0
GATE_C = 4.0
MAX_ITER = 2000
RANDOM_STATE = 0
GATE_FOLDS = 5
GATE_THRESHOLDS = np.arange(0.2, 0.81, 0.05)


@dataclass(frozen=True)
class ActorChoice:
    """The chosen candidate (None for no actor) and the model's confidence."""

    candidate: Candidate | None
    score: float
    p_none: float


def gate_text(masked_text: str, candidates: list[Candidate]) -> str:
    """Masked text plus tokens that count its names and references."""
    names = sum(1 for c in candidates if c.kind == "name")
    refs = len(candidates) - names
    return f"{masked_text} zzcandnames{min(names, 3)} zzcandrefs{min(refs, 3)}"


def gate_features(text: str) -> list[str]:
    """Analyzer of the no-actor gate: stance words plus the count tokens."""
    return stance_features(text)


class ActorResolver(BaseEstimator):
    """Ranks candidates and gates statements with no actor.

    Parameters
    ----------
    ranker_c, gate_c : float
        Inverse regularisation of the two logistic regressions.
    random_state : int
    """

    def __init__(self, ranker_c=RANKER_C, gate_c=GATE_C, random_state=RANDOM_STATE):
        self.ranker_c = ranker_c
        self.gate_c = gate_c
        self.random_state = random_state

    def fit(self, texts, candidate_lists, masked_texts, gold_codes, gold_mentions, groups=None):
        """Fit on statements with their gold actor code and gold mention text.

        Parameters
        ----------
        texts : list of str
        candidate_lists : list of list of Candidate
        masked_texts : list of str
        gold_codes : list of str
            Actor code per statement, ``NONE`` for no actor.
        gold_mentions : list of str or None
            The surface form the labeler marked as naming the actor.
        groups : list of str, optional
            Document or theatre of each statement, so that the no-actor
            threshold is chosen on out-of-fold probabilities that never saw
            the statement's group.
        """
        if not (len(texts) == len(candidate_lists) == len(gold_codes) == len(gold_mentions)):
            raise ValueError("texts, candidates and gold labels differ in length")
        rows, targets = [], []
        self.unmatched_ = 0
        for text, candidates, code, mention in zip(
            texts, candidate_lists, gold_codes, gold_mentions
        ):
            if code == NO_ACTOR or not candidates:
                continue
            labels = _gold_candidate_labels(text, candidates, code, mention)
            if not any(labels):
                self.unmatched_ += 1
                continue
            rows.extend(candidate_features(text, candidates))
            targets.extend(labels)
        self.ranker_ = make_pipeline(
            DictVectorizer(),
            LogisticRegression(C=self.ranker_c, max_iter=MAX_ITER, random_state=self.random_state),
        )
        if len(set(targets)) == 2:
            self.ranker_.fit(rows, targets)
        else:
            # Every candidate was (or none was) the actor: nothing to rank by, so
            # the ranker scores all alike and the earliest candidate wins.
            self.ranker_ = None
        self.gate_ = make_pipeline(
            TfidfVectorizer(analyzer=gate_features, sublinear_tf=True),
            LogisticRegression(
                C=self.gate_c,
                max_iter=MAX_ITER,
                random_state=self.random_state,
            ),
        )
        gate_inputs = [gate_text(m, c) for m, c in zip(masked_texts, candidate_lists)]
        is_none = np.array([code == NO_ACTOR for code in gold_codes])
        if is_none.all() or not is_none.any():
            # One kind of statement only: the gate can only repeat it.
            self.gate_ = None
            self.constant_none_ = float(is_none.all())
            self.none_threshold_ = 0.5
            return self
        self.constant_none_ = None
        self.none_threshold_ = self._tune_threshold(gate_inputs, is_none, candidate_lists, groups)
        self.gate_.fit(gate_inputs, is_none)
        return self

    def _tune_threshold(self, gate_inputs, is_none, candidate_lists, groups) -> float:
        """The gate threshold that best separates no-actor statements, out of fold."""
        if is_none.sum() < GATE_FOLDS or (~is_none).sum() < GATE_FOLDS:
            return 0.5
        folds = None
        if groups is not None and len(set(groups)) >= GATE_FOLDS:
            folds = list(GroupKFold(n_splits=GATE_FOLDS).split(gate_inputs, is_none, groups))
            if any(len(set(is_none[train])) < 2 for train, _ in folds):
                folds = None  # a fold without no-actor statements cannot fit the gate
        if folds is None:
            stratified = StratifiedKFold(GATE_FOLDS, shuffle=True, random_state=self.random_state)
            folds = list(stratified.split(gate_inputs, is_none))
        p_none = cross_val_predict(
            clone(self.gate_), gate_inputs, is_none, cv=list(folds), method="predict_proba"
        )[:, 1]
        has_candidates = np.array([bool(c) for c in candidate_lists])
        best, best_accuracy = 0.5, -1.0
        for threshold in GATE_THRESHOLDS:
            predicted = (p_none >= threshold) | ~has_candidates
            accuracy = float((predicted == is_none).mean())
            if accuracy > best_accuracy + 1e-9:
                best, best_accuracy = float(threshold), accuracy
        return best

    def choose(self, texts, candidate_lists, masked_texts) -> list[ActorChoice]:
        """Return the best candidate per statement, or None when no actor is reported."""
        check_is_fitted(self, "none_threshold_")
        if self.gate_ is None:
            p_none = np.full(len(texts), self.constant_none_)
        else:
            gate_inputs = [gate_text(m, c) for m, c in zip(masked_texts, candidate_lists)]
            p_none = self.gate_.predict_proba(gate_inputs)[:, 1]
        flat = [f for t, c in zip(texts, candidate_lists) if c for f in candidate_features(t, c)]
        scores = self._rank(flat)
        choices, offset = [], 0
        for candidates, none in zip(candidate_lists, p_none):
            own = scores[offset : offset + len(candidates)]
            offset += len(candidates)
            if not candidates or none >= self.none_threshold_:
                # With no candidate the answer is NONE whatever the gate says; its
                # probability is still the honest confidence that nobody acts.
                choices.append(ActorChoice(None, float(none), float(none)))
                continue
            best = int(np.argmax(own))
            share = float(own[best] / own.sum()) if own.sum() > 0 else 1.0
            choices.append(ActorChoice(candidates[best], (1.0 - float(none)) * share, float(none)))
        return choices

    def _rank(self, rows) -> np.ndarray:
        if not rows:
            return np.empty(0)
        if self.ranker_ is None:
            return np.linspace(1.0, 0.5, num=len(rows))  # earliest first, all plausible
        return self.ranker_.predict_proba(rows)[:, 1]

    def ranked(self, text, candidates) -> list[tuple[Candidate, float]]:
        """All candidates of one statement with their ranker scores, best first."""
        check_is_fitted(self, "none_threshold_")
        if not candidates:
            return []
        scores = self._rank(candidate_features(text, candidates))
        return sorted(zip(candidates, scores.tolist()), key=lambda pair: -pair[1])


def _gold_candidate_labels(text, candidates, code, mention) -> list[bool]:
    """Mark the candidate(s) the labeler meant: the gold mention's span, else the gold code."""
    if mention:
        at = text.find(mention)
        if at >= 0:
            end = at + len(mention)
            labels = [c.start < end and at < c.end for c in candidates]
            if any(labels):
                # A reference inside a longer name is not what was meant.
                return labels
    return [c.code == code for c in candidates]
