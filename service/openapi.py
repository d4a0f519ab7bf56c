"""The OpenAPI 3.1 document of the API, and a readable page of it served offline.

Tests hold real responses against these schemas (tests/test_openapi.py), so
the document says what the service does.
"""

from __future__ import annotations

import html
import json

from flask import Blueprint, Response, current_app, jsonify

from model.labels import SENTIMENT_LABELS, STANCE_LABELS

blueprint = Blueprint("openapi", __name__)

SCORE = {"type": "number", "minimum": 0, "maximum": 1}
ERROR_RESPONSE = {
    "description": "Error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


PREDICTION_FIELDS = {
    "text": {"type": "string"},
    "actor": {"$ref": "#/components/schemas/Actor"},
    "stance": {"$ref": "#/components/schemas/Stance"},
    "sentiment": {"$ref": "#/components/schemas/Sentiment"},
    "explanation": {"$ref": "#/components/schemas/Explanation"},
}


def _json(schema_ref: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


def document() -> dict:
    """The OpenAPI document, limits filled in from the app's configuration."""
    config = current_app.config
    schemas = {
        "Error": {
            "type": "object",
            "required": ["error", "request_id"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "additionalProperties": False,
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
                "request_id": {"type": "string"},
            },
        },
        "Actor": {
            "type": "object",
            "required": ["code", "name", "mention", "score"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "description": "actor code, NONE when nobody acts"},
                "name": {"type": "string"},
                "mention": {"type": ["string", "null"]},
                "score": SCORE,
            },
        },
        "Stance": {
            "type": "object",
            "required": ["label", "score", "scores"],
            "additionalProperties": False,
            "properties": {
                "label": {"enum": list(STANCE_LABELS)},
                "score": SCORE,
                "scores": {
                    "type": "object",
                    "required": list(STANCE_LABELS),
                    "additionalProperties": False,
                    "properties": {label: SCORE for label in STANCE_LABELS},
                },
            },
        },
        "Sentiment": {
            "type": "object",
            "required": ["label", "score"],
            "additionalProperties": False,
            "properties": {
                "label": {"enum": list(SENTIMENT_LABELS)},
                "score": {"type": "number", "minimum": -1, "maximum": 1},
            },
        },
        "Explanation": {
            "type": "object",
            "required": ["stance"],
            "properties": {
                "stance": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["feature", "weight"],
                        "properties": {"feature": {"type": "string"}, "weight": {"type": "number"}},
                    },
                }
            },
        },
        "Prediction": {
            "type": "object",
            "required": ["text", "actor", "stance", "sentiment"],
            "additionalProperties": False,
            "properties": PREDICTION_FIELDS,
        },
        "Sentence": {
            "type": "object",
            "required": ["index", "start", "end", "text", "actor", "stance", "sentiment"],
            "additionalProperties": False,
            "properties": {
                "index": {"type": "integer", "minimum": 0},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
                **PREDICTION_FIELDS,
            },
        },
        "ModelRef": {
            "type": "object",
            "required": ["version"],
            "properties": {"version": {"type": "string"}},
        },
        "ClassifyRequest": {
            "type": "object",
            "required": ["instances"],
            "properties": {
                "instances": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": config["MAX_INSTANCES"],
                    "items": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": config["MAX_STATEMENT_CHARS"],
                    },
                },
                "explain": {"type": "boolean", "default": False},
            },
        },
        "ClassifyResponse": {
            "type": "object",
            "required": ["model", "predictions"],
            "properties": {
                "model": {"$ref": "#/components/schemas/ModelRef"},
                "predictions": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Prediction"},
                },
            },
        },
        "AnalyzeRequest": {
            "type": "object",
            "required": ["text"],
            "properties": {
                "text": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": config["MAX_DOCUMENT_CHARS"],
                },
                "explain": {"type": "boolean", "default": False},
            },
        },
        "Summary": {
            "type": "object",
            "required": ["statements", "actors", "stance", "tension"],
            "properties": {
                "statements": {"type": "integer", "minimum": 0},
                "tension": {
                    "type": "number",
                    "minimum": -1,
                    "maximum": 1,
                    "description": "mean over statements with an actor of "
                    "P(escalatory) - P(de-escalatory)",
                },
                "stance": {"type": "object", "required": list(STANCE_LABELS)},
                "actors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["code", "name", "statements", "stance", "mean_sentiment"],
                        "properties": {
                            "code": {"type": "string"},
                            "name": {"type": "string"},
                            "statements": {"type": "integer", "minimum": 1},
                            "stance": {"type": "object", "required": list(STANCE_LABELS)},
                            "mean_sentiment": {"type": "number", "minimum": -1, "maximum": 1},
                        },
                    },
                },
            },
        },
        "AnalyzeResponse": {
            "type": "object",
            "required": ["model", "sentences", "summary"],
            "properties": {
                "model": {"$ref": "#/components/schemas/ModelRef"},
                "sentences": {"type": "array", "items": {"$ref": "#/components/schemas/Sentence"}},
                "summary": {"$ref": "#/components/schemas/Summary"},
            },
        },
        "FeedbackRequest": {
            "type": "object",
            "required": ["text", "actor", "stance", "sentiment"],
            "properties": {
                "text": {"type": "string", "minLength": 1},
                "actor": {"type": "string"},
                "stance": {"enum": list(STANCE_LABELS)},
                "sentiment": {"enum": list(SENTIMENT_LABELS)},
                "mention": {"type": ["string", "null"]},
            },
        },
        "FeedbackResponse": {
            "type": "object",
            "required": ["stored", "model"],
            "properties": {
                "stored": {"type": "object"},
                "model": {"$ref": "#/components/schemas/ModelRef"},
            },
        },
        "Status": {
            "type": "object",
            "required": ["status"],
            "properties": {
                "status": {"type": "string"},
                "model": {"$ref": "#/components/schemas/ModelRef"},
            },
        },
        "ModelInfo": {
            "type": "object",
            "required": ["version", "trained_at", "labels", "actors", "metrics", "environment"],
            "properties": {
                "version": {"type": "string"},
                "trained_at": {"type": "string"},
                "labels": {"type": "object"},
                "actors": {"type": "integer"},
                "metrics": {"type": "object"},
                "params": {"type": "object"},
                "data": {"type": "object"},
                "environment": {"type": "object"},
            },
        },
    }
    errors = {str(code): ERROR_RESPONSE for code in (400, 404, 405, 413, 415, 500)}

    def post(summary, request, response, extra=None):
        operation = {
            "summary": summary,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{request}"}}
                },
            },
            "responses": {"200": _json(response, "OK"), "503": ERROR_RESPONSE, **errors},
        }
        operation.update(extra or {})
        return {"post": operation}

    def get(summary, response, codes=()):
        responses = {"200": _json(response, "OK")}
        responses.update({str(c): ERROR_RESPONSE for c in codes})
        return {"get": {"summary": summary, "responses": responses}}

    feedback = post(
        "Store a corrected statement for the next training run",
        "FeedbackRequest",
        "FeedbackResponse",
        {"security": [{"operatorToken": []}]},
    )
    feedback["post"]["responses"] = {
        "201": _json("FeedbackResponse", "Stored"),
        "401": ERROR_RESPONSE,
        "403": ERROR_RESPONSE,
        "507": ERROR_RESPONSE,
        "503": ERROR_RESPONSE,
        **errors,
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "stance",
            "version": "1",
            "description": "Actor, stance and sentiment of statements in news about "
            "interstate tension. Every error has the Error shape.",
        },
        "paths": {
            "/v1/health": get("200 while the process is up", "Status"),
            "/v1/ready": get("200 when a verified model answers, 503 otherwise", "Status", (503,)),
            "/v1/model": get("Metadata of the model being served", "ModelInfo", (503,)),
            "/v1/classify": post(
                "Classify each statement without context", "ClassifyRequest", "ClassifyResponse"
            ),
            "/v1/analyze": post(
                "Split a document into statements and analyse each in context",
                "AnalyzeRequest",
                "AnalyzeResponse",
            ),
            "/v1/feedback": feedback,
            "/metrics": {
                "get": {
                    "summary": "Prometheus metrics, aggregated over every worker: requests by "
                    "route and status, latency histogram, statements by stance, model "
                    "version, reloads and refusals",
                    "responses": {
                        "200": {
                            "description": "Prometheus text format",
                            "content": {"text/plain": {"schema": {"type": "string"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {"operatorToken": {"type": "http", "scheme": "bearer"}},
        },
    }


@blueprint.get("/openapi.json")
def openapi_json():
    """The OpenAPI document."""
    return jsonify(document())


@blueprint.get("/docs")
def docs():
    """The API's documentation as one offline HTML page."""
    doc = document()
    parts = [
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>stance API</title>",
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;"
        "padding:0 1em}code,pre{background:#f4f4f4}pre{padding:.6em;overflow:auto}"
        "h2{border-bottom:1px solid #ddd}</style>",
        f"<h1>{html.escape(doc['info']['title'])} API</h1>",
        f"<p>{html.escape(doc['info']['description'])} The machine-readable document is "
        "<a href='/openapi.json'>/openapi.json</a>.</p>",
    ]
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            parts.append(f"<h2><code>{method.upper()} {html.escape(path)}</code></h2>")
            parts.append(f"<p>{html.escape(operation['summary'])}</p>")
            body = operation.get("requestBody")
            if body:
                ref = body["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
                parts.append(f"<p>Request body: <code>{ref}</code></p>")
            codes = ", ".join(sorted(operation["responses"]))
            parts.append(f"<p>Responses: {codes}</p>")
    parts.append("<h2>Schemas</h2>")
    for name, schema in doc["components"]["schemas"].items():
        parts.append(
            f"<h3 id='{name}'>{name}</h3><pre>{html.escape(json.dumps(schema, indent=2))}</pre>"
        )
    return Response("\n".join(parts) + "</html>", mimetype="text/html")
