"""One JSON line per request on standard error: route, status, latency, count, model.

The text of the statements is never logged.
"""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import Flask, g, request

from service.errors import request_id

access = logging.getLogger("stance.access")


def init_app(app: Flask) -> None:
    if not access.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False

    @app.before_request
    def start_clock():
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response):
        holder = app.extensions.get("stance")
        record = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "request_id": request_id(),
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else None,
            "path": request.path if request.url_rule is None else None,
            "status": response.status_code,
            "latency_ms": round(
                (time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 2
            ),
            "count": g.get("count"),
            "model_version": holder.version if holder else None,
        }
        access.info(json.dumps(record))
        return response
