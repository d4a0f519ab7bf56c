"""Fit every model of the analysis on labeled statements."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import GridSearchCV, GroupKFold, StratifiedKFold
from threadpoolctl import threadpool_limits
from tqdm import tqdm

from model.actor_resolver import ActorResolver
from model.actors import ActorList
from model.analyzer import Analyzer, prepare
from model.labels import SENTIMENT_LABELS
from training.corpus import CorpusError, LabeledStatement, SentimentSentence
from training.estimators import (
    CV_FOLDS,
    GENERAL_SENTIMENT_GRID,
    RANDOM_STATE,
    SENTIMENT_GRID,
    STANCE_GRID,
    calibrated,
    sentiment_pipeline,
    stance_pipeline,
)


@dataclass
class TrainingResult:
    analyzer: Analyzer
    params: dict
    cv_scores: dict
    seconds: float
    unmatched_actor_rows: int


def grouped_splits(labels, groups, folds: int = CV_FOLDS, random_state: int = RANDOM_STATE):
    """Fold indices that never put one document (or theatre) on both sides.

    Data with too few groups, or groups so pure that a training fold would
    miss a label, falls back to stratified folds over statements.
    """
    labels = np.asarray(labels)
    classes = np.unique(labels)
    smallest = min(int((labels == c).sum()) for c in classes)
    n_groups = len(set(groups))
    if n_groups >= 2:
        k = max(2, min(folds, n_groups))
        splits = list(GroupKFold(n_splits=k).split(np.zeros(len(labels)), labels, groups))
        if all(len(np.unique(labels[train])) == len(classes) for train, _ in splits):
            return splits
    k = max(2, min(folds, smallest))
    stratified = StratifiedKFold(n_splits=k, shuffle=True, random_state=random_state)
    return list(stratified.split(np.zeros(len(labels)), labels))


def _fit_sentiment(texts, labels, groups, grid, search, random_state, cv_scores, cv_key):
    """A sentiment pipeline with C chosen by grouped CV (when ``search``), fitted on all."""
    chosen: dict = {}
    if search:
        chosen, cv_scores[cv_key] = _search(
            sentiment_pipeline(random_state=random_state),
            grid,
            texts,
            labels,
            grouped_splits(labels, groups),
        )
    model = sentiment_pipeline(random_state=random_state).set_params(**chosen).fit(texts, labels)
    return model, chosen


def check_trainable(statements: list[LabeledStatement], sentiment_extra=()) -> None:
    """Refuse, with a clear message, data too small or too uniform to fit every model."""
    source = statements[0].source if statements else "training data"
    for field, values in (
        ("stance", [s.stance for s in statements]),
        ("sentiment", [s.sentiment for s in statements] + [s.sentiment for s in sentiment_extra]),
    ):
        counts = {label: values.count(label) for label in set(values)}
        if len(counts) < 2:
            raise CorpusError(
                f"{source}: field '{field}': the training rows hold only "
                f"{', '.join(counts) or 'no'} labels; at least two different labels are needed"
            )
        rare = sorted(label for label, n in counts.items() if n < 2)
        if rare:
            raise CorpusError(
                f"{source}: field '{field}': label(s) {', '.join(rare)} occur only once in the "
                "training rows; give at least two examples of each label used"
            )


def _search(pipeline, grid, texts, labels, splits):
    search = GridSearchCV(pipeline, grid, scoring="f1_macro", cv=splits, n_jobs=1, refit=False)
    search.fit(texts, labels)
    return search.best_params_, float(search.best_score_)


def train_analyzer(
    statements: list[LabeledStatement],
    actors: ActorList,
    *,
    sentiment_extra: list[SentimentSentence] = (),
    move_lexicon=(),
    search: bool = True,
    progress: bool = True,
    random_state: int = RANDOM_STATE,
) -> TrainingResult:
    """Fit the actor resolver, the stance and the sentiment model.

    Parameters
    ----------
    statements : list of LabeledStatement
        Training rows (the caller leaves the test split out).
    actors : ActorList
    search : bool
        Select hyperparameters by grouped cross-validation; else use defaults.
    progress : bool
        Show a progress bar on standard error.
    random_state : int

    Returns
    -------
    TrainingResult
    """
    check_trainable(statements, sentiment_extra)
    started = time.perf_counter()
    steps = tqdm(total=4, desc="training", unit="step", disable=not progress, leave=False)
    with threadpool_limits(limits=1):
        steps.set_postfix_str("reading statements")
        prepared = [prepare(s.text, actors) for s in statements]
        masked = [p.masked for p in prepared]
        groups = [s.group for s in statements]
        stances = [s.stance for s in statements]
        sentiments = [s.sentiment for s in statements]
        steps.update()

        steps.set_postfix_str("actor resolver")
        resolver = ActorResolver(random_state=random_state).fit(
            [p.text for p in prepared],
            [p.candidates for p in prepared],
            masked,
            [s.actor for s in statements],
            [s.mention for s in statements],
            groups=groups,
        )
        steps.update()

        params: dict = {}
        cv_scores: dict = {}
        steps.set_postfix_str("stance model")
        stance_splits = grouped_splits(stances, groups)
        stance_params: dict = {}
        if search:
            stance_params, cv_scores["stance_macro_f1"] = _search(
                stance_pipeline(lexicon=move_lexicon, random_state=random_state),
                STANCE_GRID,
                masked,
                stances,
                stance_splits,
            )
        base = stance_pipeline(lexicon=move_lexicon, random_state=random_state).set_params(
            **stance_params
        )
        stance_model = calibrated(base, stance_splits).fit(masked, stances)
        params["stance"] = stance_params
        steps.update()

        steps.set_postfix_str("sentiment model")
        # Sentiment learns from the corpus and from sentiment-only sentences on any topic.
        extra_masked = [prepare(s.text, actors).masked for s in sentiment_extra]
        sentiment_texts = masked + extra_masked
        sentiment_labels = sentiments + [s.sentiment for s in sentiment_extra]
        sentiment_groups = groups + [f"sentiment:{s.domain}" for s in sentiment_extra]
        sentiment_model, params["sentiment"] = _fit_sentiment(
            sentiment_texts,
            sentiment_labels,
            sentiment_groups,
            SENTIMENT_GRID,
            search,
            random_state,
            cv_scores,
            "sentiment_macro_f1",
        )

        # Statements that name no listed actor are read by a model of general tone,
        # trained on the sentiment-only sentences alone.
        general_model = None
        extra_labels = [s.sentiment for s in sentiment_extra]
        if (
            len(set(extra_labels)) == len(SENTIMENT_LABELS)
            and min(extra_labels.count(label) for label in SENTIMENT_LABELS) >= CV_FOLDS
        ):
            general_model, params["general_sentiment"] = _fit_sentiment(
                extra_masked,
                extra_labels,
                [f"sentiment:{s.domain}" for s in sentiment_extra],
                GENERAL_SENTIMENT_GRID,
                search,
                random_state,
                cv_scores,
                "general_sentiment_macro_f1",
            )
        steps.update()
    steps.close()
    analyzer = Analyzer(actors, resolver, stance_model, sentiment_model, general_model)
    return TrainingResult(
        analyzer, params, cv_scores, time.perf_counter() - started, resolver.unmatched_
    )
