"""The actor list and a compiled matcher that finds its mentions in text.

The list is data (``datasets/actors.csv``): one row per actor with ``code``,
``name``, ``type`` and ``|``-separated ``aliases``. Every alias (and the name
and the code itself) becomes part of one trie-shaped regular expression, so
finding all mentions costs one scan of the sentence however long the list is.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from model.labels import ACTOR_TYPES, NO_ACTOR

POSSESSIVE = r"(?:['’]s|(?<=[sS])['’])?"
ALIAS_SEPARATOR = "|"
# Place and other names that contain an alias but name no actor. They are
# matched (longest match wins) and then dropped.
NOT_ACTORS = (
    "South China Sea",
    "East China Sea",
    "Sea of Japan",
    "Korean Peninsula",
    "Korean peninsula",
    "Korean War",
    "Latin America",
    "Latin American",
    "Latin Americans",
    "Washington Post",
    "North Atlantic",
    "Indian Ocean",
    "Persian Gulf",
    "Gulf of Mexico",
    "Gulf of America",
    "Arabian Sea",
    "Arabian Peninsula",
    "Black Sea",
    "Red Sea",
    "Baltic Sea",
    "Caspian Sea",
    "Philippine Sea",
    "West Philippine Sea",
    "Taiwan Strait",
    "Strait of Hormuz",
    "Gaza Strip",
    "West Bank",
    "New Mexico",
    "New York",
    "Russian roulette",
    "Chinese New Year",
)
ACTOR_COLUMNS = ("code", "name", "type", "aliases")


class ActorListError(ValueError):
    """The actor list file is malformed; the message names file, line and field."""


@dataclass(frozen=True)
class Actor:
    code: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """A span of text naming an actor of the list."""

    code: str
    text: str
    start: int
    end: int
    possessive: bool = False


def _trie_pattern(words: list[str]) -> str:
    """Return a regex alternation of ``words`` factored as a prefix trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # Python's alternation is ordered: the longer continuation is tried first.
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _surface_variants(alias: str) -> set[str]:
    variants = {alias}
    if alias[:1].islower():
        variants.add(alias[:1].upper() + alias[1:])
    return variants


class ActorList:
    """Actors by code, with a matcher over all their aliases.

    Parameters
    ----------
    actors : iterable of Actor

    Examples
    --------
    >>> actors = ActorList([Actor("PRK", "North Korea", "state", ("Pyongyang",))])
    >>> [(m.code, m.text) for m in actors.find_mentions("Pyongyang's missiles")]
    [('PRK', "Pyongyang's")]
    """

    def __init__(self, actors):
        self.actors: dict[str, Actor] = {}
        alias_codes: dict[str, str | None] = {}
        for actor in actors:
            self.actors[actor.code] = actor
            # An organisation's code is its acronym ("NATO", "EU"); a state's
            # ISO code is not how text names it ("CAN", "ARE" are words).
            own_code = (actor.code,) if actor.type != "state" else ()
            for alias in (actor.name, *own_code, *actor.aliases):
                for variant in _surface_variants(alias):
                    # First writer wins: an ambiguous alias keeps its first actor.
                    alias_codes.setdefault(variant, actor.code)
        for phrase in NOT_ACTORS:
            for variant in _surface_variants(phrase):
                alias_codes.setdefault(variant, None)
        self._alias_codes = alias_codes
        self._by_name = {actor.name: actor.code for actor in self.actors.values()}
        body = _trie_pattern(sorted(alias_codes))
        self._pattern = re.compile(r"(?<![\w.-])(" + body + r")" + POSSESSIVE + r"(?!\w)")

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, code: str) -> bool:
        return code == NO_ACTOR or code in self.actors

    def name_of(self, code: str) -> str:
        if code == NO_ACTOR:
            return "no actor"
        return self.actors[code].name

    def code_of_name(self, name: str) -> str | None:
        """The code of the actor whose canonical name is ``name``, if any."""
        return self._by_name.get(name)

    def type_of(self, code: str) -> str | None:
        actor = self.actors.get(code)
        return actor.type if actor else None

    def find_mentions(self, text: str) -> list[Mention]:
        """Return every mention of a listed actor in ``text``, left to right."""
        mentions = []
        for match in self._pattern.finditer(text):
            alias = match.group(1)
            if self._alias_codes[alias] is None:
                continue
            mentions.append(
                Mention(
                    code=self._alias_codes[alias],
                    text=match.group(0),
                    start=match.start(),
                    end=match.end(),
                    possessive=match.end() > match.end(1),
                )
            )
        return mentions


def _clean(value: str | None) -> str:
    return (value or "").strip()


def load_actor_list(path: str | Path) -> ActorList:
    """Read an actor list CSV and return an :class:`ActorList`.

    Raises
    ------
    ActorListError
        On a missing column, an unknown type, an empty code or name, or a
        code listed twice; the message names the file and line.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ActorListError(f"{path}: cannot read actor list ({exc.strerror})") from None
    return parse_actor_list(data, path)


def parse_actor_list(data: bytes, source: str | Path = "actor list") -> ActorList:
    """Parse actor list CSV bytes (see :func:`load_actor_list`); ``source`` names them in errors."""
    path = source
    actors = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActorListError(f"{path}: not UTF-8 text") from None
    handle = io.StringIO(text, newline="")
    with handle:
        try:
            reader = csv.DictReader(handle)
            missing = [c for c in ACTOR_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ActorListError(f"{path}:1: missing column(s) {', '.join(missing)}")
            seen: set[str] = set()
            for row in reader:
                line = reader.line_num
                code, name, kind = _clean(row["code"]), _clean(row["name"]), _clean(row["type"])
                if not code or code == NO_ACTOR:
                    raise ActorListError(f"{path}:{line}: field 'code' is empty or reserved")
                if not re.fullmatch(r"[A-Z][A-Z0-9_]*", code):
                    raise ActorListError(
                        f"{path}:{line}: field 'code' {code!r} must be upper-case letters/digits"
                    )
                if code in seen:
                    raise ActorListError(f"{path}:{line}: field 'code' {code!r} is listed twice")
                if not name:
                    raise ActorListError(f"{path}:{line}: field 'name' is empty")
                if kind not in ACTOR_TYPES:
                    raise ActorListError(
                        f"{path}:{line}: field 'type' {kind!r} is not one of "
                        + ", ".join(ACTOR_TYPES)
                    )
                aliases = tuple(
                    a.strip() for a in _clean(row["aliases"]).split(ALIAS_SEPARATOR) if a.strip()
                )
                seen.add(code)
                actors.append(Actor(code, name, kind, aliases))
        except UnicodeDecodeError:
            raise ActorListError(f"{path}: not UTF-8 text") from None
        except csv.Error as exc:
            raise ActorListError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
    if not actors:
        raise ActorListError(f"{path}: the actor list has no actors")
    return ActorList(actors)
