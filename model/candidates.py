"""Candidate actors of a statement and the actor-independent cues around them.

Candidates are the mentions of listed actors plus pronouns and short
references. Their features describe where and how a candidate sits in the
sentence (position, neighbouring words with every party masked, attribution
verbs after it, "in response to" before it, a possessive), never which actor
it is, so the choice generalises to actors training never saw.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from model.actors import ActorList
from model.references import find_references
from model.text import PARTY, TOKEN

QUOTE = re.compile('["“”]')
CONTEXT_TOKEN = re.compile(TOKEN.pattern + r"""|[,;:"“”]""")

ATTRIBUTION_VERBS = frozenset(
    """said says say told tells warned warns added adds announced announces stated states
    declared declares vowed vows pledged pledges insisted insists claimed claims accused
    accuses urged urges called calls threatened threatens demanded demands promised promises
    confirmed confirms reported reports wrote writes tweeted posted noted notes stressed
    stresses argued argues rejected rejects denied denies dismissed dismisses condemned condemns
    ordered orders agreed agrees offered offers proposed proposes signalled signaled""".split()
)
PASSIVE_AUXILIARIES = frozenset("was were been being is are be got".split())
REACTION_WORDS = frozenset(
    "response retaliation reaction answer reply responding after despite".split()
)


@dataclass(frozen=True)
class Candidate:
    """A span that may name the statement's actor."""

    text: str
    start: int
    end: int
    kind: str  # "name" for a listed actor, else the reference kind
    code: str | None  # the actor code for names; None for references
    head: str
    actor_type: str
    possessive: bool


def find_candidates(text: str, actors: ActorList) -> list[Candidate]:
    """Return names and references in ``text``, in reading order."""
    candidates = [
        Candidate(
            m.text,
            m.start,
            m.end,
            "name",
            m.code,
            m.text.lower(),
            actors.type_of(m.code) or "any",
            m.possessive,
        )
        for m in actors.find_mentions(text)
    ]
    taken = [(c.start, c.end) for c in candidates]
    for ref in find_references(text, taken):
        candidates.append(
            Candidate(
                ref.text,
                ref.start,
                ref.end,
                ref.kind,
                None,
                ref.head,
                ref.actor_type,
                ref.text.endswith(("'s", "’s")) or ref.head in ("his", "her", "its", "their"),
            )
        )
    candidates.sort(key=lambda c: c.start)
    return candidates


def context_tokens(text: str) -> list[str]:
    """Lower-case words with clause punctuation kept (a comma often ends a lead-in)."""
    return CONTEXT_TOKEN.findall(text.lower().replace("’", "'").replace("n't", " not"))


def _token_sequence(text: str, candidates: list[Candidate]) -> tuple[list[str], list[int]]:
    """Tokens of ``text`` with each candidate as one party token, and their indexes."""
    tokens: list[str] = []
    positions: list[int] = []
    cursor = 0
    for candidate in candidates:
        tokens.extend(context_tokens(text[cursor : candidate.start]))
        positions.append(len(tokens))
        tokens.append(PARTY)
        cursor = max(cursor, candidate.end)
    tokens.extend(context_tokens(text[cursor:]))
    return tokens, positions


def candidate_features(text: str, candidates: list[Candidate]) -> list[dict[str, float]]:
    """Return one feature dict per candidate, describing its role in ``text``."""
    tokens, positions = _token_sequence(text, candidates)
    length = max(len(text), 1)
    # Running counts keep this linear in the number of candidates.
    code_counts = Counter(c.code for c in candidates if c.code)
    quote_positions = [m.start() for m in QUOTE.finditer(text)]
    quotes_seen = 0
    names_before = 0
    rows = []
    for i, (candidate, at) in enumerate(zip(candidates, positions)):
        prev = tokens[max(0, at - 3) : at]
        nxt = tokens[at + 1 : at + 4]
        p1 = prev[-1] if prev else "<s>"
        p2 = prev[-2] if len(prev) > 1 else "<s>"
        n1 = nxt[0] if nxt else "</s>"
        n2 = nxt[1] if len(nxt) > 1 else "</s>"
        while quotes_seen < len(quote_positions) and quote_positions[quotes_seen] < candidate.start:
            quotes_seen += 1
        f = {
            f"kind={candidate.kind}": 1.0,
            f"type={candidate.actor_type}": 1.0,
            f"index={min(i, 3)}": 1.0,
            f"from_end={min(len(candidates) - 1 - i, 3)}": 1.0,
            f"n={min(len(candidates), 5)}": 1.0,
            f"pos={int(10 * candidate.start / length)}": 1.0,
            f"p1={p1}": 1.0,
            f"p2={p2}": 1.0,
            f"p2p1={p2} {p1}": 1.0,
            f"n1={n1}": 1.0,
            f"n2={n2}": 1.0,
            f"n1n2={n1} {n2}": 1.0,
        }
        if candidate.kind != "name":
            f[f"head={candidate.head}"] = 1.0
        # A pronoun or a name behaves differently in the same slot ("he said"
        # vs. "said he"; "the US mainland"): the cues conjoined with the kind.
        kind = "name" if candidate.kind == "name" else "ref"
        f[f"{kind}|index={min(i, 3)}"] = 1.0
        f[f"{kind}|p1={p1}"] = 1.0
        f[f"{kind}|n1={n1}"] = 1.0
        f[f"{kind}|names_before={min(names_before, 2)}"] = 1.0
        names_before += bool(candidate.code)
        if at == 0:
            f["initial"] = 1.0
        if candidate.possessive:
            f["possessive"] = 1.0
            f[f"possessive_n1={n1}"] = 1.0
        if any(t in ATTRIBUTION_VERBS for t in nxt):
            f["attribution_after"] = 1.0
        if p1 in ATTRIBUTION_VERBS or p2 in ATTRIBUTION_VERBS:
            f["attribution_before"] = 1.0
        if any(t in REACTION_WORDS for t in tokens[max(0, at - 4) : at]):
            f["after_reaction_word"] = 1.0
        if p1 in ("by", "from") and any(t in PASSIVE_AUXILIARIES for t in tokens[:at]):
            f["passive_agent"] = 1.0
        if quotes_seen % 2 == 1:
            f["inside_quote"] = 1.0
        if candidate.code and code_counts[candidate.code] > 1:
            f["repeated_actor"] = 1.0
        rows.append(f)
    return rows
