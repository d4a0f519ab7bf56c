"""Read and check labeled statements (CSV, TSV or JSON Lines, corpus schema).

Every problem is reported as one line naming the file, the line and the field,
so a user can fix their data without reading a traceback.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from model.actors import ActorList
from model.labels import SENTIMENT_LABELS, STANCE_LABELS

REQUIRED = ("text", "actor", "stance", "sentiment")
SPLITS = ("train", "test")
SUFFIXES = (".jsonl", ".csv", ".tsv")
MAX_TEXT = 5000
DATASETS_DIR = Path(__file__).resolve().parent.parent / "datasets"


class CorpusError(ValueError):
    """Bad labeled data; the message is one line: file:line: field: problem."""


@dataclass(frozen=True)
class LabeledStatement:
    text: str
    actor: str
    stance: str
    sentiment: str
    doc_id: str | None = None
    position: int | None = None
    split: str | None = None
    mention: str | None = None
    theatre: str | None = None
    co_actors: tuple[str, ...] = ()
    target: str | None = None
    source: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @property
    def group(self) -> str:
        """The unit that must never straddle folds or splits: document, else theatre."""
        return self.doc_id or f"theatre:{self.theatre or self.source}"


def default_corpus_files() -> list[Path]:
    return sorted((DATASETS_DIR / "statements").glob("*.jsonl"))


def default_lexicon_file() -> Path:
    return DATASETS_DIR / "move_lexicon.csv"


def default_actor_file() -> Path:
    return DATASETS_DIR / "actors.csv"


def _rows(path: Path):
    """Yield (line number, dict) from a JSONL, CSV or TSV file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError(
            f"{path}:{line}: not UTF-8 text (byte {exc.start}); save as UTF-8"
        ) from None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise CorpusError(f"{path}:{number}: expected a JSON object per line")
            yield number, row
    elif suffix in (".csv", ".tsv"):
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(f"{path}:1: missing column(s) {', '.join(missing)}")
        try:
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    raise CorpusError(
                        f"{path}:{reader.line_num}: wrong number of fields "
                        "(a cut or unquoted line?)"
                    )
                yield reader.line_num, row
        except csv.Error as exc:
            raise CorpusError(
                f"{path}:{reader.line_num}: malformed {suffix[1:].upper()} ({exc})"
            ) from None
    else:
        raise CorpusError(f"{path}: unknown format; use .jsonl, .csv or .tsv")


def _optional(row: dict, name: str):
    value = row.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _check(row: dict, where: str, actors: ActorList) -> LabeledStatement:
    def fail(name: str, problem: str):
        raise CorpusError(f"{where}: field '{name}': {problem}")

    for name in REQUIRED:
        if name not in row:
            fail(name, "missing")
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        fail("text", "empty")
    if len(text) > MAX_TEXT:
        fail("text", f"longer than {MAX_TEXT} characters; one statement per row")
    labels = {}
    for name, allowed in (("stance", STANCE_LABELS), ("sentiment", SENTIMENT_LABELS)):
        value = row[name]
        if value not in allowed:
            fail(name, f"{value!r} is not one of {', '.join(allowed)}")
        labels[name] = value
    actor = row["actor"]
    if not isinstance(actor, str) or actor not in actors:
        fail("actor", f"unknown actor code {actor!r}; add it to the actor list or fix the code")
    doc_id = _optional(row, "doc_id")
    position = _optional(row, "position")
    if doc_id is not None:
        doc_id = str(doc_id)
        try:
            position = int(position)
        except (TypeError, ValueError):
            fail("position", f"{position!r} must be a whole number for a sentence of a document")
        if position < 0:
            fail("position", "must be 0 or more")
    else:
        position = None
    split = _optional(row, "split")
    if split is not None and split not in SPLITS:
        fail("split", f"{split!r} is not one of {', '.join(SPLITS)}")
    co_actors = row.get("co_actors") or ()
    if isinstance(co_actors, str):
        co_actors = [c.strip() for c in co_actors.split("|") if c.strip()]
    if not isinstance(co_actors, (list, tuple)):
        fail("co_actors", "must be a list of actor codes")
    for code in co_actors:
        if code not in actors:
            fail("co_actors", f"unknown actor code {code!r}")
    target = _optional(row, "target")
    if target is not None and target not in actors:
        fail("target", f"unknown actor code {target!r}")
    mention = _optional(row, "mention")
    if mention is not None and (not isinstance(mention, str) or mention not in text):
        fail("mention", f"{mention!r} does not occur in the text")
    theatre = _optional(row, "theatre")
    return LabeledStatement(
        text=text.strip() if isinstance(text, str) else text,
        actor=actor,
        doc_id=doc_id,
        position=position,
        split=split,
        mention=mention,
        theatre=str(theatre) if theatre else None,
        co_actors=tuple(co_actors),
        target=target,
        **labels,
    )


def read_statements(paths, actors: ActorList) -> list[LabeledStatement]:
    """Read and check labeled statements from one or more files or folders.

    Parameters
    ----------
    paths : iterable of str or Path
        Files (.jsonl, .csv, .tsv) or folders of them.
    actors : ActorList
        Every actor code must be in it.

    Raises
    ------
    CorpusError
        On the first problem, naming the file, line and field.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES)
            if not found:
                raise CorpusError(f"{p}: folder holds no .jsonl, .csv or .tsv files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise CorpusError(f"{p}: no such file")
    statements: list[LabeledStatement] = []
    positions: dict[str, set[int]] = {}
    for path in files:
        for number, row in _rows(path):
            where = f"{path}:{number}"
            item = _check(row, where, actors)
            item = LabeledStatement(**{**item.__dict__, "source": str(path), "line": number})
            if item.doc_id is not None:
                seen = positions.setdefault(item.doc_id, set())
                if item.position in seen:
                    raise CorpusError(
                        f"{where}: field 'position': {item.position} repeats in document "
                        f"{item.doc_id}"
                    )
                seen.add(item.position)
            statements.append(item)
    if not statements:
        raise CorpusError(f"{', '.join(map(str, files)) or 'no files'}: no labeled statements")
    return statements


@dataclass(frozen=True)
class SentimentSentence:
    """A sentence labeled for sentiment only (opinion and news writing on any topic)."""

    text: str
    sentiment: str
    domain: str | None = None


def default_sentiment_files() -> list[Path]:
    return sorted((DATASETS_DIR / "sentiment").glob("*.jsonl"))


def read_sentiment_sentences(paths) -> list[SentimentSentence]:
    """Read sentiment-only sentences (fields ``text``, ``sentiment``, optional ``domain``).

    Raises
    ------
    CorpusError
        On the first problem, naming the file, line and field.
    """
    sentences = []
    for path in map(Path, paths):
        if path.suffix.lower() != ".jsonl" and path.suffix.lower() not in SUFFIXES:
            raise CorpusError(f"{path}: unknown format; use .jsonl, .csv or .tsv")
        for number, row in _rows(path) if path.exists() else _missing(path):
            where = f"{path}:{number}"
            text = row.get("text")
            if not isinstance(text, str) or not text.strip():
                raise CorpusError(f"{where}: field 'text': empty")
            if row.get("sentiment") not in SENTIMENT_LABELS:
                raise CorpusError(
                    f"{where}: field 'sentiment': {row.get('sentiment')!r} is not one of "
                    + ", ".join(SENTIMENT_LABELS)
                )
            sentences.append(SentimentSentence(text.strip(), row["sentiment"], row.get("domain")))
    return sentences


def _missing(path: Path):
    raise CorpusError(f"{path}: no such file")


def data_fingerprint(paths) -> dict:
    """SHA-256 over the given data files (in order) and their total size."""
    digest = hashlib.sha256()
    size = 0
    names = []
    for p in map(Path, paths):
        for f in sorted(p.iterdir()) if p.is_dir() else [p]:
            data = f.read_bytes()
            digest.update(data)
            size += len(data)
            names.append(str(f))
    return {"sha256": digest.hexdigest(), "bytes": size, "files": names}


def documents(statements: list[LabeledStatement]) -> dict[str, list[LabeledStatement]]:
    """Statements of each document, in reading order."""
    docs: dict[str, list[LabeledStatement]] = {}
    for s in statements:
        if s.doc_id is not None:
            docs.setdefault(s.doc_id, []).append(s)
    for doc in docs.values():
        doc.sort(key=lambda s: s.position)
    return docs
