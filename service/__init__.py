"""The REST API: HTTP in -> model/ -> JSON out.

``create_app`` is the application factory; the loaded model lives in
``app.extensions["stance"]`` (a :class:`service.model_holder.ModelHolder`).
"""

from __future__ import annotations

from flask import Flask

from model.artifact import default_model_dir

MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_INSTANCES = 1000
MAX_STATEMENT_CHARS = 5000
MAX_DOCUMENT_CHARS = 200_000
MAX_DOCUMENT_STATEMENTS = 2_000


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask app; settings from defaults, ``STANCE_*`` env vars, or ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(
        MODEL_DIR=str(default_model_dir()),
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        MAX_INSTANCES=MAX_INSTANCES,
        MAX_STATEMENT_CHARS=MAX_STATEMENT_CHARS,
        MAX_DOCUMENT_CHARS=MAX_DOCUMENT_CHARS,
        MAX_DOCUMENT_STATEMENTS=MAX_DOCUMENT_STATEMENTS,
    )
    app.config.from_prefixed_env("STANCE", loads=str)
    if test_config:
        app.config.update(test_config)
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    from service import access_log, errors, metrics, model_holder, openapi, page, v1

    model_holder.init_app(app)
    errors.init_app(app)
    access_log.init_app(app)
    metrics.init_app(app)
    app.register_blueprint(metrics.blueprint)
    app.register_blueprint(v1.blueprint)
    app.register_blueprint(openapi.blueprint)
    app.register_blueprint(page.blueprint)
    return app
