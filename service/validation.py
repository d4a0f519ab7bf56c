"""Request bodies checked against the contract, with messages that say what to fix."""

from __future__ import annotations

import json

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from model.statements import split_statements
from service.errors import ApiError


def json_body() -> dict:
    """The request's JSON object, or an ApiError naming what is wrong with it."""
    if not request.is_json:
        raise ApiError(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Send a JSON body with the header Content-Type: application/json.",
        )
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    try:
        raw = request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise
    except Exception:  # a broken chunked encoding and the like
        raise ApiError(400, "INVALID_BODY", "The request body could not be read.") from None
    if request.content_length is None and len(raw) >= limit:
        # Without Content-Length the stream is cut at the limit rather than refused.
        raise RequestEntityTooLarge()
    try:
        body = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ApiError(400, "INVALID_JSON", "The JSON is nested too deeply.") from None
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "INVALID_JSON", "The body is not valid JSON in UTF-8.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "VALIDATION", "The body must be a JSON object.")
    return body


def valid_unicode(text: str) -> bool:
    """False for strings JSON allows but UTF-8 cannot carry (lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def explain_flag(body: dict) -> bool:
    value = body.get("explain", False)
    if not isinstance(value, bool):
        raise ApiError(400, "VALIDATION", "'explain' must be true or false.")
    return value


def instances(body: dict) -> list[str]:
    """``instances``: 1 to MAX_INSTANCES non-empty strings, each within the length limit."""
    items = body.get("instances")
    limit = current_app.config["MAX_INSTANCES"]
    longest = current_app.config["MAX_STATEMENT_CHARS"]
    if not isinstance(items, list) or not items:
        raise ApiError(
            400, "VALIDATION", f"'instances' must be a list of 1 to {limit} statements (strings)."
        )
    if len(items) > limit:
        raise ApiError(
            400,
            "TOO_MANY_INSTANCES",
            f"'instances' has {len(items)} statements; send at most {limit} per request.",
        )
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise ApiError(400, "VALIDATION", f"instances[{i}] must be a non-empty string.")
        if not valid_unicode(item):
            raise ApiError(
                400, "VALIDATION", f"instances[{i}] is not valid Unicode (lone surrogate)."
            )
        if len(item) > longest:
            raise ApiError(
                400,
                "TEXT_TOO_LONG",
                f"instances[{i}] has {len(item)} characters; one statement may have "
                f"at most {longest}. Send a document to /v1/analyze instead.",
            )
    return items


def document(body: dict) -> str:
    """``text``: a non-empty document within the length limit."""
    text = body.get("text")
    longest = current_app.config["MAX_DOCUMENT_CHARS"]
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "VALIDATION", "'text' must be a non-empty string (the document).")
    if len(text) > longest:
        raise ApiError(
            400,
            "TEXT_TOO_LONG",
            f"'text' has {len(text)} characters; at most {longest} per document.",
        )
    if not valid_unicode(text):
        raise ApiError(400, "VALIDATION", "'text' is not valid Unicode (lone surrogate).")
    most = current_app.config["MAX_DOCUMENT_STATEMENTS"]
    count = len(split_statements(text))
    if count > most:
        raise ApiError(
            400,
            "TOO_MANY_STATEMENTS",
            f"'text' splits into {count} statements; at most {most} per document.",
        )
    return text
