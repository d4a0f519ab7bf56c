"""The model a worker serves: loaded once, verified, kept in ``app.extensions``."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import Flask, current_app

from model.artifact import ModelLoadError, load_version

log = logging.getLogger("stance.service")


class ModelHolder:
    """Holds the verified analyzer and its manifest, or the reason there is none."""

    def __init__(self, model_dir: Path):
        self.model_dir = Path(model_dir)
        self.analyzer = None
        self.manifest: dict | None = None
        self.error: str | None = None
        self._lock = threading.Lock()

    def load(self) -> bool:
        """Load the current version; on failure keep what was served before."""
        with self._lock:
            try:
                analyzer, manifest = load_version(self.model_dir)
            except ModelLoadError as exc:
                self.error = str(exc)
                log.error("model not loaded: %s", exc)
                return False
            self.analyzer, self.manifest, self.error = analyzer, manifest, None
            log.info("serving model version %s", manifest["version"])
            return True

    @property
    def ready(self) -> bool:
        return self.analyzer is not None


def init_app(app: Flask) -> None:
    holder = ModelHolder(app.config["MODEL_DIR"])
    holder.load()
    app.extensions["stance"] = holder


def holder() -> ModelHolder:
    return current_app.extensions["stance"]
