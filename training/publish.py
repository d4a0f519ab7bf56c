"""Publish a trained analyzer as a new model version, atomically.

The version is written into a temporary folder inside the model directory,
every file fsynced, the manifest written last; the folder is renamed into
``versions/`` and only then does ``CURRENT`` switch to it, by ``os.replace``
of a fsynced temporary file. A crash at any point leaves the current model as
it was; the next run removes what a crashed one left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import joblib

from model.artifact import (
    ACTORS_FILE,
    CURRENT_FILE,
    FORMAT,
    MANIFEST_FILE,
    MODEL_FILE,
    VERSIONS_DIR,
    current_version,
    library_versions,
    sha256_file,
)
from model.labels import SENTIMENT_LABELS, STANCE_LABELS

KEEP_VERSIONS = 5
STAGING_PREFIX = ".staging-"
TRASH_PREFIX = ".trash-"
LOCK_FILE = ".publish.lock"


class PublishError(RuntimeError):
    """The model directory cannot take a new version (permissions, disk)."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so readers see the old or the new content, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


@contextlib.contextmanager
def publishing_lock(model_dir: Path):
    """Hold the model directory's publish lock: one publisher at a time.

    Everything that creates, renames or removes version folders happens under
    it, so a staging folder seen by the lock holder belongs to a dead run.
    """
    try:
        handle = open(Path(model_dir) / LOCK_FILE, "a")
    except OSError as exc:
        raise PublishError(
            f"{model_dir}: cannot write the model directory ({exc.strerror})"
        ) from None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def clean_staging(model_dir: Path) -> list[str]:
    """Remove what interrupted runs left: staging and trash folders, temporary pointers.

    Call it only under :func:`publishing_lock`.
    """
    removed = []
    leftovers = [
        *Path(model_dir).glob(f"{STAGING_PREFIX}*"),
        *Path(model_dir).glob(f"{TRASH_PREFIX}*"),
    ]
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover.name)
    for leftover in Path(model_dir).glob(f".{CURRENT_FILE}.*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover.name)
    return removed


def new_version_name(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%S%fZ")


def publish(
    analyzer,
    model_dir: Path,
    actor_file: Path,
    *,
    metrics: dict,
    data: dict,
    params: dict,
    training: dict,
    keep: int = KEEP_VERSIONS,
) -> str:
    """Write ``analyzer`` as a new version of ``model_dir`` and make it current.

    Parameters
    ----------
    analyzer : model.analyzer.Analyzer
    model_dir : Path
    actor_file : Path
        The actor list the analyzer was trained with; copied into the version.
    metrics, data, params, training : dict
        Recorded in the manifest (evaluation metrics, training-data
        fingerprint, chosen hyperparameters, training facts).
    keep : int
        How many versions to keep; older ones are removed (never the current).

    Returns
    -------
    str
        The new version's name.
    """
    model_dir = Path(model_dir)
    try:
        (model_dir / VERSIONS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(
            f"{model_dir}: cannot write the model directory ({exc.strerror})"
        ) from None
    with publishing_lock(model_dir):
        version = _publish_locked(
            analyzer,
            model_dir,
            actor_file,
            metrics=metrics,
            data=data,
            params=params,
            training=training,
        )
        prune_versions(model_dir, keep)
    return version


def _publish_locked(
    analyzer, model_dir: Path, actor_file: Path, *, metrics, data, params, training
) -> str:
    try:
        clean_staging(model_dir)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=model_dir))
    except OSError as exc:
        raise PublishError(
            f"{model_dir}: cannot write the model directory ({exc.strerror})"
        ) from None
    version = new_version_name()
    try:
        joblib.dump(
            {
                "resolver": analyzer.resolver,
                "stance": analyzer.stance_model,
                "sentiment": analyzer.sentiment_model,
                "general_sentiment": analyzer.general_sentiment_model,
            },
            staging / MODEL_FILE,
            compress=3,
        )
        shutil.copyfile(actor_file, staging / ACTORS_FILE)
        for name in (MODEL_FILE, ACTORS_FILE):
            _fsync_file(staging / name)
        manifest = {
            "format": FORMAT,
            "version": version,
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": {name: sha256_file(staging / name) for name in (MODEL_FILE, ACTORS_FILE)},
            "environment": library_versions(),
            "data": data,
            "labels": {
                "stance": list(STANCE_LABELS),
                "sentiment": list(SENTIMENT_LABELS),
                "actors": len(analyzer.actors),
            },
            "params": params,
            "training": training,
            "metrics": metrics,
        }
        (staging / MANIFEST_FILE).write_text(
            json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8"
        )
        _fsync_file(staging / MANIFEST_FILE)
        _fsync_dir(staging)
        os.replace(staging, model_dir / VERSIONS_DIR / version)
        _fsync_dir(model_dir / VERSIONS_DIR)
        write_atomic(model_dir / CURRENT_FILE, version + "\n")
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PublishError(
            f"{model_dir}: could not publish the new version ({exc.strerror}); "
            "the current model is unchanged"
        ) from None
    return version


def list_versions(model_dir: Path) -> list[str]:
    """Published versions, oldest first (names sort by time)."""
    folder = Path(model_dir) / VERSIONS_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def prune_versions(model_dir: Path, keep: int) -> list[str]:
    """Remove all but the newest ``keep`` versions, never the current one.

    Each doomed version is first renamed out of ``versions/`` (atomic), then
    deleted, so an interrupted prune never leaves a half-deleted version listed.
    Call it only under :func:`publishing_lock`.
    """
    current = current_version(model_dir)
    versions = list_versions(model_dir)
    doomed = [v for v in versions[: max(0, len(versions) - keep)] if v != current]
    for version in doomed:
        trash = Path(model_dir) / f"{TRASH_PREFIX}{version}"
        os.replace(Path(model_dir) / VERSIONS_DIR / version, trash)
        shutil.rmtree(trash, ignore_errors=True)
    return doomed
