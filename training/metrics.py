"""Classification metrics for the report: scores, confusion, calibration."""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

CALIBRATION_BINS = 10


def classification_summary(gold: list[str], predicted: list[str], labels) -> dict:
    """Accuracy, macro-F1, per-class precision/recall/F1/support and the confusion matrix."""
    labels = list(labels)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    return {
        "n": len(gold),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "macro_f1": round(
            float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)), 4
        ),
        "per_class": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support)
        },
        "confusion": {
            "labels": labels,
            "matrix": confusion_matrix(gold, predicted, labels=labels).tolist(),
        },
    }


def calibration(
    gold: list[str], predicted: list[str], confidence: list[float], bins: int = CALIBRATION_BINS
) -> dict:
    """Expected calibration error of the top label, with the reliability table.

    ECE is the support-weighted mean gap between confidence and accuracy over
    equal-width confidence bins.
    """
    conf = np.asarray(confidence, dtype=float)
    correct = np.asarray([g == p for g, p in zip(gold, predicted)], dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    table, ece = [], 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        count = int(inside.sum())
        if not count:
            continue
        mean_conf = float(conf[inside].mean())
        accuracy = float(correct[inside].mean())
        ece += count / len(conf) * abs(mean_conf - accuracy)
        table.append(
            {
                "low": round(float(lo), 2),
                "high": round(float(hi), 2),
                "count": count,
                "confidence": round(mean_conf, 4),
                "accuracy": round(accuracy, 4),
            }
        )
    return {"ece": round(ece, 4), "bins": table}


def majority_baseline(gold: list[str], reference: list[str], labels) -> dict:
    """Scores of always answering the most common label of ``reference``."""
    majority = Counter(reference).most_common(1)[0][0]
    summary = classification_summary(gold, [majority] * len(gold), labels)
    return {"label": majority, "accuracy": summary["accuracy"], "macro_f1": summary["macro_f1"]}
