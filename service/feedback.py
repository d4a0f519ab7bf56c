"""Corrections from analysts, appended durably to the model directory's feedback file.

One JSON object per line, written with a single ``write`` on a descriptor
opened with ``O_APPEND`` under an exclusive ``flock``, then fsynced before
the 2xx answer: concurrent writers never interleave, and a record that was
acknowledged survives a crash. ``stance train --include-feedback`` learns
from the file.
"""

from __future__ import annotations

import fcntl
import hmac
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app, request

from model.labels import NO_ACTOR, SENTIMENT_LABELS, STANCE_LABELS
from service.errors import ApiError
from service.validation import valid_unicode

FEEDBACK_FILE = "feedback.jsonl"


def require_operator() -> None:
    """Let the request through only with the operator's token (constant-time compare)."""
    token = current_app.config.get("ADMIN_TOKEN")
    if not token:
        raise ApiError(
            403,
            "DISABLED",
            "Corrections are disabled on this server; the operator enables them by "
            "setting STANCE_ADMIN_TOKEN.",
        )
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.encode(), str(token).encode()):
        raise ApiError(
            401, "UNAUTHORIZED", "Send the operator's token as 'Authorization: Bearer <token>'."
        )


def correction(body: dict, actors) -> dict:
    """Check a corrected statement against the label sets and the served actor list."""
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "VALIDATION", "'text' must be the statement being corrected.")
    if not valid_unicode(text) or not valid_unicode(str(body.get("mention") or "")):
        raise ApiError(400, "VALIDATION", "'text' and 'mention' must be valid Unicode.")
    if len(text) > current_app.config["MAX_STATEMENT_CHARS"]:
        raise ApiError(400, "TEXT_TOO_LONG", "'text' is longer than one statement may be.")
    record = {"text": text.strip()}
    for field, allowed in (("stance", STANCE_LABELS), ("sentiment", SENTIMENT_LABELS)):
        if body.get(field) not in allowed:
            raise ApiError(400, "VALIDATION", f"'{field}' must be one of {', '.join(allowed)}.")
        record[field] = body[field]
    actor = body.get("actor")
    if not isinstance(actor, str) or (actor != NO_ACTOR and actor not in actors):
        raise ApiError(
            400,
            "VALIDATION",
            f"'actor' must be NONE or a code of the actor list (e.g. PRK); got {actor!r}.",
        )
    record["actor"] = actor
    mention = body.get("mention")
    if mention is not None and (not isinstance(mention, str) or mention not in record["text"]):
        raise ApiError(400, "VALIDATION", "'mention', when given, must occur in 'text'.")
    record["mention"] = mention
    record["received_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    return record


def append_record(model_dir: Path, record: dict) -> None:
    """Append one record as one line, durably, even with concurrent writers.

    A failed or short write (a full disk) is cut back off the file before the
    error is raised, so the file never holds a torn line that would swallow
    the next record.
    """
    path = Path(model_dir) / FEEDBACK_FILE
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        offset = os.lseek(fd, 0, os.SEEK_END)
        try:
            if os.write(fd, line) != len(line):
                raise OSError(28, "short write (disk full?)")
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, offset)
            raise
    finally:
        os.close(fd)  # closing releases the lock
    if created:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
