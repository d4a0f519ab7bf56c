"""Run the API under gunicorn, a production WSGI server, from Python.

Sync workers (one request at a time per process; field notes: gthread with
keep-alive pinned every connection of a load test to one worker), one per
core by default, the app preloaded in the master so workers share the
model's pages, and a graceful shutdown that lets requests in flight finish.
"""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TIMEOUT_SECONDS = 60
GRACEFUL_SECONDS = 30


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class StanceServer(BaseApplication):
    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def serve(app, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, workers: int | None = None):
    """Serve ``app`` until interrupted (SIGINT/SIGTERM stop it gracefully)."""
    StanceServer(
        app,
        {
            "bind": f"{host}:{port}",
            "workers": workers or default_workers(),
            "worker_class": "sync",
            "timeout": TIMEOUT_SECONDS,
            "graceful_timeout": GRACEFUL_SECONDS,
            "preload_app": True,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "info",
        },
    ).run()
