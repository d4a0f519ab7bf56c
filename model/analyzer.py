"""The analysis: statements in, actor, stance and sentiment out.

An :class:`Analyzer` holds the fitted models and the actor list. ``classify``
treats each statement alone; ``analyze`` splits a document and lets each
statement's references resolve through the statements before it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from model.actor_resolver import ActorResolver
from model.actors import ActorList
from model.candidates import Candidate, find_candidates
from model.context import DocumentContext
from model.explain import explain_linear
from model.labels import NO_ACTOR, STANCE_LABELS
from model.statements import split_statements
from model.text import mask_mentions


@dataclass(frozen=True)
class Prepared:
    """A statement with its candidates and masked text: computed once, used by every task."""

    text: str
    candidates: list[Candidate]
    masked: str


def names_an_actor(prepared: Prepared) -> bool:
    """Whether a statement names a listed actor (crisis news) or not (any other text)."""
    return any(c.kind == "name" for c in prepared.candidates)


def prepare(text: str, actors: ActorList) -> Prepared:
    """Find the candidates of ``text`` and mask its actor names."""
    candidates = find_candidates(text, actors)
    names = [c for c in candidates if c.kind == "name"]
    return Prepared(text, candidates, mask_mentions(text, names))


class Analyzer:
    """Fitted models plus the actor list: the unit that is published and served.

    Parameters
    ----------
    actors : ActorList
    resolver : ActorResolver (fitted)
    stance_model, sentiment_model : fitted scikit-learn classifiers over masked text
    general_sentiment_model : fitted classifier, optional
        Reads the tone of statements that name no listed actor (text outside
        crisis news), where the crisis-trained model does worse than a general
        lexicon. Same classes as ``sentiment_model``.
    """

    def __init__(
        self,
        actors: ActorList,
        resolver: ActorResolver,
        stance_model,
        sentiment_model,
        general_sentiment_model=None,
    ):
        self.actors = actors
        self.resolver = resolver
        self.stance_model = stance_model
        self.sentiment_model = sentiment_model
        self.general_sentiment_model = general_sentiment_model
        self._stance_classes = [str(c) for c in stance_model.classes_]
        self._sentiment_classes = [str(c) for c in sentiment_model.classes_]
        if (
            general_sentiment_model is not None
            and [str(c) for c in general_sentiment_model.classes_] != self._sentiment_classes
        ):
            raise ValueError("the general sentiment model has other classes")

    # -- the per-statement pieces ------------------------------------------------
    def _scores(self, prepared: list[Prepared]):
        masked = [p.masked for p in prepared]
        choices = self.resolver.choose(
            [p.text for p in prepared], [p.candidates for p in prepared], masked
        )
        stance = self.stance_model.predict_proba(masked)
        sentiment = self.sentiment_model.predict_proba(masked)
        if self.general_sentiment_model is not None:
            general = [i for i, p in enumerate(prepared) if not names_an_actor(p)]
            if general:
                sentiment[general] = self.general_sentiment_model.predict_proba(
                    [masked[i] for i in general]
                )
        return choices, stance, sentiment

    def _actor(self, prepared: Prepared, choice, context: DocumentContext | None):
        candidate = choice.candidate
        if candidate is not None and candidate.code is None:
            resolved = context.resolve(candidate) if context is not None else None
            if resolved is None:
                # No context (or none fits): fall back to the best-ranked name, if any.
                names = [
                    c for c, _ in self.resolver.ranked(prepared.text, prepared.candidates) if c.code
                ]
                candidate = names[0] if names else None
            else:
                return {
                    "code": resolved,
                    "name": self.actors.name_of(resolved),
                    "mention": candidate.text,
                    "score": round(choice.score, 4),
                }
        if candidate is None:
            return {
                "code": NO_ACTOR,
                "name": self.actors.name_of(NO_ACTOR),
                "mention": None,
                "score": round(choice.p_none, 4),
            }
        return {
            "code": candidate.code,
            "name": self.actors.name_of(candidate.code),
            "mention": candidate.text,
            "score": round(choice.score, 4),
        }

    def _prediction(self, prepared, choice, stance_row, sentiment_row, context, explain):
        stance = dict(zip(self._stance_classes, stance_row.tolist()))
        stance_label = max(stance, key=stance.get)
        sentiment = dict(zip(self._sentiment_classes, sentiment_row.tolist()))
        polarity = sentiment.get("positive", 0.0) - sentiment.get("negative", 0.0)
        prediction = {
            "text": prepared.text,
            "actor": self._actor(prepared, choice, context),
            "stance": {
                "label": stance_label,
                "score": round(stance[stance_label], 4),
                "scores": {label: round(stance.get(label, 0.0), 4) for label in STANCE_LABELS},
            },
            "sentiment": {
                "label": max(sentiment, key=sentiment.get),
                "score": round(float(np.clip(polarity, -1.0, 1.0)), 4),
            },
        }
        if explain:
            prediction["explanation"] = {
                "stance": explain_linear(self.stance_model, prepared.masked, stance_label)
            }
        return prediction

    # -- public API -----------------------------------------------------------------
    def classify(self, texts: list[str], explain: bool = False) -> list[dict]:
        """Classify each statement on its own, without context.

        Parameters
        ----------
        texts : list of str
            Statements (sentences or headlines).
        explain : bool
            Add the features that pushed each stance decision most.

        Returns
        -------
        list of dict
            One prediction per text, in order (the contract's PREDICTION shape).
        """
        if not texts:
            return []
        prepared = [prepare(t, self.actors) for t in texts]
        choices, stance, sentiment = self._scores(prepared)
        return [
            self._prediction(p, c, s, m, None, explain)
            for p, c, s, m in zip(prepared, choices, stance, sentiment)
        ]

    def classify_in_context(self, texts: list[str], explain: bool = False) -> list[dict]:
        """Classify the statements of one document in order, each in the context of the
        ones before it (references resolve to earlier actors)."""
        prepared = [prepare(t, self.actors) for t in texts]
        if not prepared:
            return []
        choices, stance, sentiment = self._scores(prepared)
        context = DocumentContext(self.actors)
        predictions = []
        for i, item in enumerate(prepared):
            prediction = self._prediction(
                item, choices[i], stance[i], sentiment[i], context, explain
            )
            actor = prediction["actor"]
            context.remember(
                None if actor["code"] == NO_ACTOR else actor["code"],
                item.candidates,
                actor["mention"],
            )
            predictions.append(prediction)
        return predictions

    def analyze(self, text: str, explain: bool = False) -> dict:
        """Split a document into statements and analyse each in context.

        Returns
        -------
        dict
            ``{"sentences": [...], "summary": {...}}``; each sentence is a
            prediction plus ``index``, ``start`` and ``end``.
        """
        statements = split_statements(text)
        predictions = self.classify_in_context([s.text for s in statements], explain)
        sentences = [
            {"index": i, "start": s.start, "end": s.end, **p}
            for i, (s, p) in enumerate(zip(statements, predictions))
        ]
        return {"sentences": sentences, "summary": summarize(sentences)}


def summarize(predictions: list[dict]) -> dict:
    """Aggregate a document's predictions per actor, with a tension figure.

    The document's tension is the mean, over statements with an actor, of
    P(escalatory) - P(de-escalatory): +1 when every move raises tension, -1
    when every move lowers it, 0 when they balance or nobody acts.
    """
    per_actor: dict[str, dict] = defaultdict(
        lambda: {"statements": 0, "stance": Counter(), "sentiment_sum": 0.0, "name": None}
    )
    tensions = []
    for p in predictions:
        code = p["actor"]["code"]
        entry = per_actor[code]
        entry["name"] = p["actor"]["name"]
        entry["statements"] += 1
        entry["stance"][p["stance"]["label"]] += 1
        entry["sentiment_sum"] += p["sentiment"]["score"]
        if code != NO_ACTOR:
            scores = p["stance"]["scores"]
            tensions.append(scores["escalatory"] - scores["de-escalatory"])
    actors = [
        {
            "code": code,
            "name": e["name"],
            "statements": e["statements"],
            "stance": {label: e["stance"].get(label, 0) for label in STANCE_LABELS},
            "mean_sentiment": round(e["sentiment_sum"] / e["statements"], 4),
        }
        for code, e in sorted(per_actor.items(), key=lambda kv: -kv[1]["statements"])
    ]
    stance_mix = Counter(p["stance"]["label"] for p in predictions)
    return {
        "statements": len(predictions),
        "actors": actors,
        "stance": {label: stance_mix.get(label, 0) for label in STANCE_LABELS},
        "tension": round(float(np.mean(tensions)), 4) if tensions else 0.0,
    }
