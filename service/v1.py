"""Routes of the contract (../shared/CONTRACT.md): thin views over model/."""

from __future__ import annotations

from flask import Blueprint, g, jsonify

from service import validation
from service.errors import ApiError
from service.feedback import append_record, correction, require_operator
from service.metrics import count_statements
from service.model_holder import holder

blueprint = Blueprint("v1", __name__, url_prefix="/v1")


def _served():
    served = holder().served  # one snapshot: a reload between two lines cannot mix versions
    if served is None:
        raise ApiError(
            503, "NOT_READY", "No verified model is loaded yet; train one with `stance train`."
        )
    return served


def _serving():
    served = _served()
    return served.analyzer, {"version": served.manifest["version"]}


@blueprint.get("/health")
def health():
    """Answer 200 while the process is up."""
    return jsonify({"status": "ok"})


@blueprint.get("/ready")
def ready():
    """Answer 200 when a verified model is loaded and answering, 503 otherwise."""
    current = holder()
    if not current.ready:
        raise ApiError(
            503,
            "NOT_READY",
            "No verified model is loaded; the server log says why (train one with `stance train`).",
        )
    return jsonify({"status": "ready", "model": {"version": current.manifest["version"]}})


@blueprint.get("/model")
def model_metadata():
    """Describe the model being served."""
    served = _served()
    analyzer, manifest = served.analyzer, served.manifest
    return jsonify(
        {
            "version": manifest["version"],
            "trained_at": manifest["trained_at"],
            "labels": manifest["labels"],
            "actors": len(analyzer.actors),
            "metrics": manifest.get("metrics", {}),
            "params": manifest.get("params", {}),
            "data": {
                k: manifest.get("data", {}).get(k)
                for k in ("sha256", "rows", "train_rows", "test_rows")
            },
            "environment": manifest.get("environment", {}),
        }
    )


@blueprint.post("/classify")
def classify():
    """Classify each instance on its own, without context."""
    body = validation.json_body()
    texts = validation.instances(body)
    explain = validation.explain_flag(body)
    analyzer, model = _serving()
    predictions = analyzer.classify(texts, explain=explain)
    g.count = len(texts)
    count_statements(predictions)
    return jsonify({"model": model, "predictions": predictions})


@blueprint.post("/analyze")
def analyze():
    """Split a document into statements and analyse each in context."""
    body = validation.json_body()
    text = validation.document(body)
    explain = validation.explain_flag(body)
    analyzer, model = _serving()
    result = analyzer.analyze(text, explain=explain)
    g.count = len(result["sentences"])
    count_statements(result["sentences"])
    return jsonify({"model": model, **result})


@blueprint.post("/feedback")
def feedback():
    """Store a corrected statement for the next training run (operator token required)."""
    require_operator()
    body = validation.json_body()
    analyzer, model = _serving()
    record = correction(body, analyzer.actors)
    try:
        append_record(holder().model_dir, record)
    except OSError as exc:
        raise ApiError(
            507,
            "NOT_STORED",
            f"The correction could not be stored ({exc.strerror or exc}); try again "
            "later or tell the operator.",
        ) from None
    g.count = 1
    return jsonify({"stored": record, "model": model}), 201
