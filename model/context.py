"""Document context: what earlier statements let a reference stand for.

"He", "the North", "the ministry", "Mr Kim" name nobody by themselves. In a
document they take an actor from the statements before them: the most recent
compatible one, preferring a statement's actor over a party it merely
mentioned, and an actor whose name or earlier mention fits the reference
("the North" -> North Korea, "Mr Kim" -> the party of "Kim Jong-un").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.actors import ActorList
from model.candidates import Candidate

ACTOR_WEIGHT = 3.0
MENTION_WEIGHT = 1.0
DECAY = 0.6


COMPASS = ("north", "south", "east", "west")
GENERIC_WORDS = frozenset("the its his her their of and republic state states united".split())


def _words(text: str) -> set[str]:
    """Lower-case words of ``text`` without possessive endings ("Kim's" -> "kim")."""
    return {re.sub(r"['’]s?$", "", w) for w in re.findall(r"[\w'’-]+", text.lower())}


def _shares_a_name_word(reference: str, name: str) -> bool:
    """ "the North's foreign ministry" shares "north" with "North Korea"."""
    words = {w.strip("’'s").lower() for w in reference.split()} - GENERIC_WORDS
    return bool(words & ({w.lower() for w in name.split()} - GENERIC_WORDS))


@dataclass
class DocumentContext:
    """Running memory of a document's actors and mentions, newest last."""

    actors: ActorList
    entries: list[tuple[str, float, str]] = field(default_factory=list)  # code, weight, surface

    def remember(
        self, actor_code: str | None, candidates: list[Candidate], mention: str | None = None
    ) -> None:
        """Record one statement: its resolved actor (and the words that named it) and
        the names it mentioned."""
        # Age what is already there, so the latest statement weighs most.
        self.entries = [(c, w * DECAY, s) for c, w, s in self.entries]
        for candidate in candidates:
            if candidate.code:
                self.entries.append((candidate.code, MENTION_WEIGHT, candidate.text))
        if actor_code:
            self.entries.append((actor_code, ACTOR_WEIGHT, mention or ""))

    def _compatible(self, code: str, actor_type: str) -> bool:
        if actor_type in ("any", "person"):
            return True
        return self.actors.type_of(code) == actor_type

    def resolve(self, reference: Candidate) -> str | None:
        """Return the actor code ``reference`` stands for, or None if nothing fits."""
        scores: dict[str, float] = {}
        for code, weight, surface in self.entries:
            if not self._compatible(code, reference.actor_type):
                continue
            bonus = 0.0
            if reference.kind == "title" and reference.head in _words(surface):
                bonus = 10.0
            elif reference.kind == "phrase" and _shares_a_name_word(
                reference.text, self.actors.name_of(code)
            ):
                bonus = 5.0
            # The strongest recent cue counts, not the sum: a party that was
            # talked about all along must not outweigh the one just named.
            scores[code] = max(scores.get(code, 0.0), weight + bonus)
        if reference.kind == "phrase" and reference.head in COMPASS:
            sibling = self._compass_sibling(reference.head)
            if sibling is not None:
                return sibling
        if not scores:
            return None
        return max(scores, key=scores.get)

    def _compass_sibling(self, head: str) -> str | None:
        """ "the North" after "South Korea" or "Seoul": North Korea, the other half of the pair."""
        for code, _, _ in reversed(self.entries):
            words = self.actors.name_of(code).split()
            if len(words) < 2 or words[0].lower() not in COMPASS:
                continue
            if words[0].lower() == head:
                return code
            wanted = " ".join([head.capitalize(), *words[1:]])
            sibling = self.actors.code_of_name(wanted)
            if sibling is not None:
                return sibling
        return None
