"""Prometheus metrics at ``/metrics``, correct across gunicorn's worker processes.

``stance serve`` points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder before
the workers start; each worker then writes its samples there and ``/metrics``
aggregates all of them (prometheus_client's multiprocess mode). Without the
variable (tests, a single process) the default registry is used.
"""

from __future__ import annotations

import os
import time

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

blueprint = Blueprint("metrics", __name__)
MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("stance_requests", "HTTP requests answered", ["route", "status"])
LATENCY = Histogram(
    "stance_request_seconds",
    "Time to answer a request",
    ["route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
STATEMENTS = Counter("stance_statements", "Statements analysed, by predicted stance", ["stance"])
MODEL_INFO = Gauge(
    "stance_model_info",
    "The model version a worker serves (1)",
    ["version"],
    multiprocess_mode="liveall",
)
RELOADS = Counter("stance_model_reloads", "New model versions swapped in")
REFUSED = Counter(
    "stance_model_refused", "New model versions refused (failed verification or load)"
)


def count_statements(predictions) -> None:
    for prediction in predictions:
        STATEMENTS.labels(prediction["stance"]["label"]).inc()


def model_changed(previous: str | None, current: str | None, refused: bool = False) -> None:
    """Record a (re)load: the version gauge follows the model a worker serves."""
    if refused:
        REFUSED.inc()
        return
    if previous:
        # set, not remove: in multiprocess mode a removed child lingers in the worker's file
        MODEL_INFO.labels(previous).set(0)
        RELOADS.inc()
    if current:
        MODEL_INFO.labels(current).set(1)


def init_app(app: Flask) -> None:
    @app.before_request
    def start():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def record(response):
        route = request.url_rule.rule if request.url_rule else "unmatched"
        if route != "/metrics":
            REQUESTS.labels(route, str(response.status_code)).inc()
            if "metrics_started" in g:
                LATENCY.labels(route).observe(time.perf_counter() - g.metrics_started)
        return response


@blueprint.get("/metrics")
def metrics():
    """Prometheus text format, aggregated over every worker process."""
    if os.environ.get(MULTIPROCESS):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
