"""External benchmark sets (text nobody in the project wrote), for evaluation only.

``cameo_dev.jsonl``: news-wire sentences with CAMEO PentaClass labels folded to
``escalatory`` / ``cooperative`` / ``neutral``; the project's ``de-escalatory``
and ``reassuring`` fold into ``cooperative``. ``nyt_sentiment_dev.jsonl``:
editorial snippets with human sentiment labels.
"""

from __future__ import annotations

import json
from pathlib import Path

from model.sentiment import vader_label, vader_scores
from training.metrics import classification_summary

CAMEO_FILE = "cameo_dev.jsonl"
NYT_FILE = "nyt_sentiment_dev.jsonl"
FOLDED_LABELS = ("escalatory", "cooperative", "neutral")
FOLD = {
    "escalatory": "escalatory",
    "de-escalatory": "cooperative",
    "reassuring": "cooperative",
    "neutral": "neutral",
}
BATCH = 1000


def _read_jsonl(path: Path, fields) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            missing = [f for f in fields if f not in row]
            if missing:
                raise ValueError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
            rows.append(row)
    return rows


def _classify(analyzer, texts):
    out = []
    for i in range(0, len(texts), BATCH):
        out.extend(analyzer.classify(texts[i : i + BATCH]))
    return out


def evaluate_cameo(analyzer, path: Path) -> dict:
    """Stance on CAMEO sentences, folded to three classes; with the majority baseline."""
    rows = _read_jsonl(path, ("text", "stance3"))
    predictions = _classify(analyzer, [r["text"] for r in rows])
    gold = [r["stance3"] for r in rows]
    folded = [FOLD[p["stance"]["label"]] for p in predictions]
    summary = classification_summary(gold, folded, FOLDED_LABELS)
    summary["baseline_always_escalatory_macro_f1"] = classification_summary(
        gold, ["escalatory"] * len(gold), FOLDED_LABELS
    )["macro_f1"]
    summary["file"] = path.name
    return summary


def evaluate_nyt(analyzer, path: Path) -> dict:
    """Sentiment on NYT snippets; with VADER alone (+-0.05) in the same run."""
    rows = _read_jsonl(path, ("text", "sentiment"))
    texts = [r["text"] for r in rows]
    gold = [r["sentiment"] for r in rows]
    predictions = _classify(analyzer, texts)
    labels = ("negative", "neutral", "positive")
    summary = classification_summary(gold, [p["sentiment"]["label"] for p in predictions], labels)
    vader = [vader_label(vader_scores(t)["compound"]) for t in texts]
    summary["baseline_vader"] = {
        k: v
        for k, v in classification_summary(gold, vader, labels).items()
        if k in ("accuracy", "macro_f1")
    }
    summary["file"] = path.name
    return summary


def evaluate_benchmarks(analyzer, folder: Path) -> dict:
    """Every known benchmark file present in ``folder``; says which were missing."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such benchmark folder")
    results: dict = {}
    for name, scorer in ((CAMEO_FILE, evaluate_cameo), (NYT_FILE, evaluate_nyt)):
        path = folder / name
        results[name.split("_")[0]] = (
            scorer(analyzer, path) if path.is_file() else {"missing": str(path)}
        )
    return results
