"""What ``stance train`` and ``stance evaluate`` do, as plain functions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from model.actors import load_actor_list
from model.artifact import ACTORS_FILE, load_version, read_manifest, version_dir
from model.cues import read_move_lexicon
from training.benchmarks import evaluate_benchmarks
from training.corpus import (
    CorpusError,
    data_fingerprint,
    default_actor_file,
    default_corpus_files,
    default_lexicon_file,
    default_sentiment_files,
    read_sentiment_sentences,
    read_statements,
)
from training.evaluate import compare, evaluate
from training.fit import train_analyzer
from training.publish import list_versions, publish
from training.report import render_report


@dataclass
class TrainOutcome:
    version: str
    train_size: int
    test_size: int
    seconds: float
    metrics: dict | None
    params: dict


def split_rows(statements):
    """Rows marked ``test`` are held out for the recorded metrics; all others train."""
    train = [s for s in statements if s.split != "test"]
    test = [s for s in statements if s.split == "test"]
    return train, test


def train_and_publish(
    model_dir: Path,
    data=None,
    actor_file=None,
    *,
    sentiment_data=None,
    lexicon=None,
    search=True,
    progress=True,
    random_state=0,
) -> TrainOutcome:
    """Train on labeled data, evaluate on its test rows, publish a new version.

    Parameters
    ----------
    model_dir : Path
    data : list of paths, optional
        Labeled files or folders; the bundled corpus by default.
    actor_file : Path, optional
        The actor list; the bundled one by default.
    sentiment_data : list of paths, optional
        Sentiment-only sentences; the bundled set by default, ``[]`` for none.
    lexicon : path, optional
        The move lexicon (``cue,stance`` CSV); the bundled one by default.
    """
    data = [Path(p) for p in (data or default_corpus_files())]
    actor_file = Path(actor_file or default_actor_file())
    actors = load_actor_list(actor_file)
    statements = read_statements(data, actors)
    sentiment_files = [
        Path(p)
        for p in (sentiment_data if sentiment_data is not None else default_sentiment_files())
    ]
    sentiment_extra = read_sentiment_sentences(sentiment_files)
    lexicon_file = Path(lexicon) if lexicon else default_lexicon_file()
    if lexicon and not lexicon_file.is_file():
        raise CorpusError(f"{lexicon_file}: no such lexicon file")
    move_lexicon = read_move_lexicon(lexicon_file) if lexicon_file.is_file() else ()
    train, test = split_rows(statements)
    if not train:
        raise CorpusError(f"{data[0]}: every row is in the test split; nothing to train on")
    result = train_analyzer(
        train,
        actors,
        sentiment_extra=sentiment_extra,
        move_lexicon=move_lexicon,
        search=search,
        progress=progress,
        random_state=random_state,
    )
    metrics = None
    if test:
        metrics = evaluate(
            result.analyzer,
            test,
            training_labels={
                "stance": [s.stance for s in train],
                "sentiment": [s.sentiment for s in train],
            },
            seen_actors={s.actor for s in train},
        )
    fingerprint = data_fingerprint(
        data + sentiment_files + ([lexicon_file] if move_lexicon else [])
    )
    fingerprint.update(
        {
            "rows": len(statements),
            "train_rows": len(train),
            "test_rows": len(test),
            "sentiment_rows": len(sentiment_extra),
        }
    )
    version = publish(
        result.analyzer,
        model_dir,
        actor_file,
        metrics={"test": metrics["summary"], "cv": result.cv_scores}
        if metrics
        else {"cv": result.cv_scores},
        data=fingerprint,
        params=result.params,
        training={
            "seconds": round(result.seconds, 2),
            "random_state": random_state,
            "seen_actors": sorted({s.actor for s in train}),
            "label_counts": {
                "stance": _counts(s.stance for s in train),
                "sentiment": _counts(s.sentiment for s in train),
            },
            "unmatched_actor_rows": result.unmatched_actor_rows,
        },
    )
    return TrainOutcome(
        version,
        len(train),
        len(test),
        result.seconds,
        metrics["summary"] if metrics else None,
        result.params,
    )


def _counts(values) -> dict:
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


def _expand(counts: dict) -> list[str]:
    return [label for label, n in sorted(counts.items()) for _ in range(n)]


def evaluate_current(
    model_dir: Path, data=None, *, benchmark=None, json_path=None, html_path=None
) -> dict:
    """Evaluate the current version on labeled data (the bundled test split by default)."""
    analyzer, manifest = load_version(model_dir)
    path = version_dir(model_dir, manifest["version"])
    actors = load_actor_list(path / ACTORS_FILE)
    if data:
        statements = read_statements(data, actors)
        described = ", ".join(map(str, data))
    else:
        statements = [
            s for s in read_statements(default_corpus_files(), actors) if s.split == "test"
        ]
        described = "bundled corpus, test split"
        if not statements:
            raise CorpusError("the bundled corpus has no test split")
    training = manifest.get("training", {})
    label_counts = training.get("label_counts", {})
    metrics = evaluate(
        analyzer,
        statements,
        training_labels={k: _expand(v) for k, v in label_counts.items()},
        seen_actors=training.get("seen_actors"),
    )
    report = {
        "model": {k: manifest.get(k) for k in ("version", "trained_at", "environment", "params")},
        "data": described,
        "metrics": metrics,
        "change": compare(metrics["summary"], _previous_summary(model_dir, manifest["version"])),
    }
    if benchmark:
        report["benchmarks"] = evaluate_benchmarks(analyzer, Path(benchmark))
    if json_path:
        Path(json_path).write_text(json.dumps(report, indent=2), encoding="utf-8")
    if html_path:
        Path(html_path).write_text(render_report(report), encoding="utf-8")
    return report


def _previous_summary(model_dir: Path, version: str) -> dict | None:
    versions = list_versions(model_dir)
    if version not in versions or versions.index(version) == 0:
        return None
    previous = versions[versions.index(version) - 1]
    try:
        return (read_manifest(version_dir(model_dir, previous)).get("metrics") or {}).get("test")
    except Exception:  # a damaged old version has no comparison to offer
        return None
