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


def _post_fork(server, worker) -> None:
    # The model was loaded in the master (preload); each worker announces it serves it.
    from service import metrics

    holder = server.app.application.extensions["stance"]
    metrics.model_changed(None, holder.version)


def _when_ready(server) -> None:
    # The master preloaded the model but serves nothing: keep it out of the version gauge.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(os.getpid())


def _worker_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def prepare_metrics_dir() -> str:
    """A fresh folder for the workers' metric files; must be set before the app is built."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="stance-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    return folder


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
            "when_ready": _when_ready,
            "post_fork": _post_fork,
            "child_exit": _worker_exit,
            "control_socket_disable": True,
        },
    ).run()
