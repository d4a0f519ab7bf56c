"""The model a worker serves: loaded once, verified, swapped when a new one is published.

Each worker checks the model directory's ``CURRENT`` pointer at most once per
``RELOAD_INTERVAL`` seconds (one ``stat``); when it names a new version, the
worker verifies and loads it, then swaps it in for the next request. A version
that fails verification or loading is refused, logged and counted, and the
old one keeps serving; it is not retried until ``CURRENT`` changes again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from model.artifact import CURRENT_FILE, ModelLoadError, current_version, load_version
from service import metrics

log = logging.getLogger("stance.service")
RELOAD_INTERVAL = 1.0


@dataclass(frozen=True)
class Served:
    """What a request uses: one analyzer and the manifest that describes it, swapped together."""

    analyzer: object
    manifest: dict


class ModelHolder:
    """Holds the verified analyzer and its manifest, or the reason there is none."""

    def __init__(self, model_dir: Path, reload_interval: float = RELOAD_INTERVAL):
        self.model_dir = Path(model_dir)
        self.reload_interval = float(reload_interval)
        self.served: Served | None = None
        self.error: str | None = None
        self.reloads = 0
        self.refused = 0
        self._pointer: tuple | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self.served is not None

    @property
    def analyzer(self):
        return self.served.analyzer if self.served else None

    @property
    def manifest(self) -> dict | None:
        return self.served.manifest if self.served else None

    @property
    def version(self) -> str | None:
        return self.served.manifest["version"] if self.served else None

    def _pointer_state(self) -> tuple | None:
        try:
            stat = os.stat(self.model_dir / CURRENT_FILE)
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def load(self) -> bool:
        """Load the version ``CURRENT`` names; on any failure keep what was served before."""
        with self._lock:
            self._pointer = self._pointer_state()
            self._checked_at = time.monotonic()
            try:
                version = current_version(self.model_dir)
                if self.ready and version == self.version:
                    self.error = None
                    return True
                analyzer, manifest = load_version(self.model_dir, version)
            except Exception as exc:  # a bad version must never take the service down
                self.error = str(exc) if isinstance(exc, ModelLoadError) else repr(exc)
                if self.ready:
                    self.refused += 1
                    metrics.model_changed(self.version, None, refused=True)
                    log.error("refused new model, still serving %s: %s", self.version, self.error)
                else:
                    log.error("model not loaded: %s", self.error)
                return False
            if self.ready:
                self.reloads += 1
            metrics.model_changed(self.version, manifest["version"])
            self.served, self.error = Served(analyzer, manifest), None
            log.info("serving model version %s", manifest["version"])
            return True

    def maybe_reload(self) -> None:
        """Cheap check before a request: reload only when ``CURRENT`` changed; never raises."""
        now = time.monotonic()
        if now - self._checked_at < self.reload_interval:
            return
        self._checked_at = now
        try:
            if self._pointer_state() != self._pointer:
                self.load()
        except Exception:  # keep answering with the model we have
            log.exception("model reload check failed")


def init_app(app: Flask) -> None:
    holder = ModelHolder(
        app.config["MODEL_DIR"], app.config.get("RELOAD_INTERVAL", RELOAD_INTERVAL)
    )
    holder.load()
    app.extensions["stance"] = holder
    app.before_request(holder.maybe_reload)


def holder() -> ModelHolder:
    return current_app.extensions["stance"]
