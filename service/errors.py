"""One JSON error shape for every failure, and a request id on every answer.

``{"error": {"code": "...", "message": "..."}, "request_id": "..."}``: built by
:func:`error_response`, registered once for HTTP errors and once for anything
unexpected (which is logged, never shown).
"""

from __future__ import annotations

import logging
import re
import uuid

from flask import Flask, g, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("stance.service")
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

HTTP_CODES = {
    400: ("BAD_REQUEST", "The request is malformed."),
    404: (
        "NOT_FOUND",
        "No such route; see /v1/health, /v1/ready, /v1/model, /v1/classify, /v1/analyze.",
    ),
    405: ("METHOD_NOT_ALLOWED", "This route does not accept that method."),
    413: ("PAYLOAD_TOO_LARGE", "The request body is too large."),
    415: ("UNSUPPORTED_MEDIA_TYPE", "Send JSON with Content-Type: application/json."),
    500: ("INTERNAL", "Something went wrong on our side; the request id helps us find it."),
    503: ("NOT_READY", "No verified model is loaded yet."),
    507: ("NOT_STORED", "The server could not store the record."),
}


class ApiError(Exception):
    """An error a view raises: status, machine code and a message that says what to fix."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def request_id() -> str:
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    return g.request_id


def error_response(status: int, code: str, message: str):
    body = {"error": {"code": code, "message": message}, "request_id": request_id()}
    return jsonify(body), status


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(exc: ApiError):
        response, status = error_response(exc.status, exc.code, exc.message)
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="stance"'
        return response, status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code, message = HTTP_CODES.get(exc.code, ("HTTP_ERROR", exc.description or exc.name))
        if exc.code == 405:
            response, status = error_response(405, code, message)
            allowed = dict(exc.get_headers()).get("Allow")
            if allowed:
                response.headers["Allow"] = allowed
            return response, status
        if exc.code == 413:
            limit = app.config["MAX_CONTENT_LENGTH"]
            message = f"The request body is larger than {limit} bytes; send fewer or shorter texts."
        return error_response(exc.code or 500, code, message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error (request %s)", request_id())
        return error_response(500, *HTTP_CODES[500])

    @app.after_request
    def tag_response(response):
        response.headers["X-Request-ID"] = request_id()
        return response
