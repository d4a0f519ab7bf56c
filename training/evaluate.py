"""Score an analyzer on labeled statements: every task, baselines, worst errors."""

from __future__ import annotations

import time
from collections import Counter

from model.labels import NO_ACTOR, SENTIMENT_LABELS, STANCE_LABELS
from model.sentiment import vader_label, vader_scores
from training.corpus import LabeledStatement, documents
from training.metrics import calibration, classification_summary, majority_baseline

WORST_ERRORS = 15
HEADLINE = ("stance_macro_f1", "actor_accuracy", "sentiment_macro_f1")


def predict_statements(analyzer, statements: list[LabeledStatement]) -> list[dict]:
    """Predict every statement: documents in reading order with context, the rest alone."""
    predictions: list[dict | None] = [None] * len(statements)
    index = {id(s): i for i, s in enumerate(statements)}
    for doc in documents(statements).values():
        for s, p in zip(doc, analyzer.classify_in_context([s.text for s in doc])):
            predictions[index[id(s)]] = p
    alone = [i for i, p in enumerate(predictions) if p is None]
    for i, p in zip(alone, analyzer.classify([statements[i].text for i in alone])):
        predictions[i] = p
    return predictions


def _actor_report(statements, predictions, seen_actors) -> dict:
    gold = [s.actor for s in statements]
    pred = [p["actor"]["code"] for p in predictions]

    def accuracy(keep):
        pairs = [(g, q) for g, q, k in zip(gold, pred, keep) if k]
        return {
            "n": len(pairs),
            "accuracy": round(sum(g == q for g, q in pairs) / len(pairs), 4) if pairs else None,
        }

    report = {
        "accuracy": round(sum(g == q for g, q in zip(gold, pred)) / len(gold), 4),
        "n": len(gold),
    }
    if seen_actors is not None:
        seen = set(seen_actors)
        report["seen"] = accuracy([g in seen or g == NO_ACTOR for g in gold])
        report["unseen"] = accuracy([g not in seen and g != NO_ACTOR for g in gold])
    report["in_documents"] = accuracy([s.doc_id is not None for s in statements])
    report["no_actor"] = classification_summary(
        [g == NO_ACTOR for g in gold], [q == NO_ACTOR for q in pred], [True, False]
    )["per_class"][True]
    return report


def evaluate(
    analyzer,
    statements: list[LabeledStatement],
    *,
    training_labels: dict | None = None,
    seen_actors=None,
) -> dict:
    """Evaluate ``analyzer`` on labeled ``statements``.

    Parameters
    ----------
    analyzer : model.analyzer.Analyzer
    statements : list of LabeledStatement
    training_labels : dict, optional
        ``{"stance": [...], "sentiment": [...]}`` label lists of the training
        data, for the majority baselines; the evaluation data's own otherwise.
    seen_actors : iterable of str, optional
        Actor codes present in the training data, to split actor accuracy.

    Returns
    -------
    dict
        ``summary`` (the headline figures) and one section per task.
    """
    started = time.perf_counter()
    predictions = predict_statements(analyzer, statements)
    seconds = time.perf_counter() - started
    training_labels = training_labels or {}

    stance_gold = [s.stance for s in statements]
    stance_pred = [p["stance"]["label"] for p in predictions]
    stance = classification_summary(stance_gold, stance_pred, STANCE_LABELS)
    stance["calibration"] = calibration(
        stance_gold, stance_pred, [p["stance"]["score"] for p in predictions]
    )
    stance["baseline_majority"] = majority_baseline(
        stance_gold, training_labels.get("stance") or stance_gold, STANCE_LABELS
    )

    sentiment_gold = [s.sentiment for s in statements]
    sentiment_pred = [p["sentiment"]["label"] for p in predictions]
    sentiment = classification_summary(sentiment_gold, sentiment_pred, SENTIMENT_LABELS)
    sentiment["baseline_majority"] = majority_baseline(
        sentiment_gold, training_labels.get("sentiment") or sentiment_gold, SENTIMENT_LABELS
    )
    vader = [vader_label(vader_scores(s.text)["compound"]) for s in statements]
    vader_summary = classification_summary(sentiment_gold, vader, SENTIMENT_LABELS)
    sentiment["baseline_vader"] = {
        "accuracy": vader_summary["accuracy"],
        "macro_f1": vader_summary["macro_f1"],
    }

    actor = _actor_report(statements, predictions, seen_actors)
    actor["baseline_first_mention"] = _first_mention_baseline(analyzer, statements)

    errors = []
    for s, p in zip(statements, predictions):
        wrong = [
            field
            for field, ok in (
                ("stance", p["stance"]["label"] == s.stance),
                ("actor", p["actor"]["code"] == s.actor),
                ("sentiment", p["sentiment"]["label"] == s.sentiment),
            )
            if not ok
        ]
        if wrong:
            errors.append(
                {
                    "text": s.text,
                    "where": f"{s.source}:{s.line}",
                    "wrong": wrong,
                    "gold": {"actor": s.actor, "stance": s.stance, "sentiment": s.sentiment},
                    "predicted": {
                        "actor": p["actor"]["code"],
                        "stance": p["stance"]["label"],
                        "sentiment": p["sentiment"]["label"],
                    },
                    "confidence": p["stance"]["score"]
                    if "stance" in wrong
                    else p["actor"]["score"],
                }
            )
    errors.sort(key=lambda e: -e["confidence"])
    return {
        "summary": {
            "statements": len(statements),
            "stance_macro_f1": stance["macro_f1"],
            "stance_ece": stance["calibration"]["ece"],
            "actor_accuracy": actor["accuracy"],
            "sentiment_macro_f1": sentiment["macro_f1"],
            "statements_per_second": round(len(statements) / seconds, 1) if seconds else None,
        },
        "stance": stance,
        "actor": actor,
        "sentiment": sentiment,
        "worst_errors": errors[:WORST_ERRORS],
        "error_count": len(errors),
        "label_counts": {
            "stance": dict(Counter(stance_gold)),
            "sentiment": dict(Counter(sentiment_gold)),
            "actor_codes": len(set(s.actor for s in statements)),
        },
    }


def _first_mention_baseline(analyzer, statements) -> dict:
    """Actor accuracy of taking the first listed actor named in the sentence (else NONE)."""
    correct = 0
    for s in statements:
        mentions = analyzer.actors.find_mentions(s.text)
        guess = mentions[0].code if mentions else NO_ACTOR
        correct += guess == s.actor
    return {"accuracy": round(correct / len(statements), 4)}


def compare(current: dict, previous: dict | None) -> dict | None:
    """Change of each headline figure against a previous version's summary."""
    if not previous:
        return None
    return {
        key: {
            "previous": previous.get(key),
            "current": current.get(key),
            "change": round(current[key] - previous[key], 4)
            if isinstance(previous.get(key), (int, float))
            else None,
        }
        for key in HEADLINE
        if key in current
    }
