"""Documents to analyse, read lazily from files, and their statements as output rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


class InputError(ValueError):
    """Unreadable input documents; the message names the file and line."""


def read_documents(path: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(doc_id, text)`` from a file, one document per line.

    A ``.jsonl`` file holds objects with ``text`` (and optionally ``id``);
    any other file is plain UTF-8 text, one document per non-empty line.
    Document ids default to ``<file name>:<line>``.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                if path.suffix.lower() == ".jsonl":
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
                    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                        raise InputError(f"{path}:{number}: field 'text': missing or not a string")
                    doc_id = row.get("id")
                    yield (f"{path.name}:{number}" if doc_id is None else str(doc_id)), row["text"]
                else:
                    yield f"{path.name}:{number}", line.rstrip("\n")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None


def statement_rows(doc_id: str, analysis: dict) -> Iterator[dict]:
    """One output row per statement of an analysed document."""
    for sentence in analysis["sentences"]:
        yield {"doc_id": doc_id, **sentence}
