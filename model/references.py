"""Pronouns and short references ("he", "the North", "the ministry", "Mr Kim").

They name no actor themselves; in a document they take an actor from the
statements before them (see :mod:`model.context`). Each kind of reference says
which type of actor it can stand for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PRONOUNS = {
    "he": "person",
    "she": "person",
    "his": "person",
    "her": "person",
    "it": "any",
    "its": "any",
    "they": "any",
    "their": "any",
    "we": "any",
    "our": "any",
}
HEADS = {
    # head noun -> actor type it can refer to ("any": state, organisation or group)
    "president": "state",
    "prime minister": "state",
    "premier": "state",
    "chancellor": "state",
    "minister": "state",
    "ministry": "state",
    "government": "state",
    "regime": "state",
    "country": "state",
    "nation": "state",
    "kingdom": "state",
    "republic": "state",
    "state": "state",
    "capital": "state",
    "leader": "any",
    "leadership": "any",
    "north": "state",
    "south": "state",
    "island": "state",
    "junta": "state",
    "army": "any",
    "military": "state",
    "navy": "state",
    "air force": "state",
    "foreign minister": "state",
    "defence minister": "state",
    "defense minister": "state",
    "defence secretary": "state",
    "defense secretary": "state",
    "secretary": "any",
    "spokesman": "any",
    "spokeswoman": "any",
    "spokesperson": "any",
    "envoy": "any",
    "administration": "state",
    "cabinet": "state",
    "parliament": "state",
    "officials": "any",
    "authorities": "state",
    "diplomats": "any",
    "diplomat": "any",
    "visitors": "any",
    "guards": "any",
    "forces": "any",
    "group": "non-state",
    "militants": "non-state",
    "militant group": "non-state",
    "rebels": "non-state",
    "militia": "non-state",
    "movement": "non-state",
    "fighters": "non-state",
    "insurgents": "non-state",
    "jihadists": "non-state",
    "alliance": "organisation",
    "bloc": "organisation",
    "union": "organisation",
    "agency": "organisation",
    "watchdog": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "body": "organisation",
    "council": "organisation",
    "commission": "organisation",
    "court": "organisation",
    "mission": "organisation",
    "secretary-general": "organisation",
    "command": "any",
    "commander": "any",
    "general": "any",
    "admiral": "state",
    "cutter": "state",
    "vessel": "state",
    "ship": "state",
    "warship": "state",
    "coast guard": "state",
    "troops": "any",
    "soldiers": "any",
    "king": "state",
    "emir": "state",
    "sultan": "state",
    "crown prince": "state",
    "monarch": "state",
    "office": "any",
    "embassy": "state",
    "ambassador": "state",
    "delegation": "any",
    "negotiators": "any",
    "side": "any",
    "emirate": "state",
    "sultanate": "state",
    "kremlin": "state",
    "hosts": "any",
    "secretary general": "organisation",
}
_STOP = (
    "said|says|say|told|met|meet|warned|added|and|or|but|to|of|in|on|at|by|with|for|from|is|are"
    "|was|were|has|have|had|will|would|could|should|may|might|that|which|who|as|than|called"
)
_HEAD_ALT = "|".join(sorted((re.escape(h) for h in HEADS), key=len, reverse=True))
REFERENCE = re.compile(
    r"\b(?:"
    r"(?P<title>(?:[Mm]r|[Mm]rs|[Mm]s|[Dd]r|President|General|Gen\.|Premier|Minister)\.? "
    r"[A-Z][\w’'-]+)"
    r"|(?P<phrase>(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur) (?:(?!(?:"
    + _STOP
    + r")\b)[\w’'-]+ ){0,2}"
    r"(?P<head>(?i:" + _HEAD_ALT + r")))"
    r"|(?P<bare>(?:[A-Z]?[a-z]+ )?(?:officials|authorities|troops|soldiers|forces|diplomats"
    r"|negotiators|militants|rebels|fighters|insurgents)(?= (?:said|say|says|told|added|warned"
    r"|claimed|announced|insisted|stressed|confirmed|denied)\b|[,.]))"
    r"|(?P<pronoun>" + "|".join(PRONOUNS) + "|" + "|".join(p.capitalize() for p in PRONOUNS) + r")"
    r")\b"
)


@dataclass(frozen=True)
class Reference:
    """A span that refers to an actor named earlier in the document."""

    text: str
    start: int
    end: int
    kind: str  # "pronoun", "phrase" or "title"
    head: str  # the pronoun, head noun or surname, lower-case
    actor_type: str  # "state", "organisation", "non-state", "person" or "any"


def find_references(text: str, taken: list[tuple[int, int]] = ()) -> list[Reference]:
    """Return the references in ``text`` that do not overlap a ``taken`` span.

    Examples
    --------
    >>> [(r.text, r.actor_type) for r in find_references("He said the North will respond")]
    [('He', 'person'), ('the North', 'state')]
    """
    references = []
    for match in REFERENCE.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        kind = next(k for k in ("title", "phrase", "bare", "pronoun") if match.group(k))
        surface = match.group(0)
        if kind == "pronoun":
            head = surface.lower()
            actor_type = PRONOUNS[head]
        elif kind == "bare":
            head = surface.split()[-1].lower()
            actor_type = HEADS[head]
        elif kind == "title":
            head = re.sub(r"['’]s?$", "", surface.split()[-1]).lower()
            actor_type = "person"
        else:
            # casefold: the regex's case-insensitive match also accepts "ſ" for "s"
            head = match.group("head").casefold().replace("ſ", "s")
            actor_type = HEADS.get(head)
            if actor_type is None:  # exotic case variants ("mİlitary") name no head we know
                continue
        references.append(Reference(surface, start, end, kind, head, actor_type))
    return references
