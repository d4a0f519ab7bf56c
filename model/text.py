"""Tokens shared by every task: one tokenizer, actor masking, negation scope.

The stance model must learn moves, not names: every actor mention is replaced
by one placeholder token before it sees the words, so "Pyongyang fired" and
"Caracas fired" look alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

from model.actors import Mention

PARTY = "_party_"
TOKEN = re.compile(r"_party_|[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)?|[!?]")
CLAUSE_END = re.compile(r"[.,;:!?()\"“”]|\s[-–—]\s")
NEGATION_CUES = frozenset(
    "not no never nor without cannot refused refuses refusing declined declines "
    "denied denies rejected rejects".split()
)
NEGATION_SCOPE = 4


def mask_mentions(text: str, mentions: list[Mention]) -> str:
    """Return ``text`` with each mention replaced by the party placeholder."""
    parts = []
    cursor = 0
    for mention in mentions:
        parts.append(text[cursor : mention.start])
        parts.append(f" {PARTY} ")
        cursor = mention.end
    parts.append(text[cursor:])
    return "".join(parts)


_STEMMER = SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Snowball stem of a token ("threatened", "threatens" -> "threaten"), cached."""
    return token if token == PARTY else _STEMMER.stem(token)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; "n't" becomes "not" so negation shows."""
    text = text.lower().replace("’", "'").replace("n't", " not")
    return TOKEN.findall(text)


def clause_tokens(text: str) -> list[list[str]]:
    """Tokens grouped by clause, so a negation's scope stops at punctuation."""
    return [tokenize(chunk) for chunk in CLAUSE_END.split(text)]


def stance_features(text: str) -> list[str]:
    """Stemmed word uni- and bigrams plus negation-scoped stems of masked ``text``.

    Stems let "threatened", "threatens" and "threat" share evidence, which
    matters on wording the corpus never used. A module-level function, so a
    fitted vectorizer that uses it as its analyzer loads again.

    Examples
    --------
    >>> stance_features("Seoul did not rule out talks")[-3:]
    ['NOT_rule', 'NOT_out', 'NOT_talk']
    """
    unigrams: list[str] = []
    bigrams: list[str] = []
    negated: list[str] = []
    for clause in clause_tokens(text):
        stems = [stem(t) for t in clause]
        unigrams.extend(stems)
        bigrams.extend(f"{a} {b}" for a, b in zip(stems, stems[1:]))
        scope = 0
        for token, stemmed in zip(clause, stems):
            if token in NEGATION_CUES:
                scope = NEGATION_SCOPE
                continue
            if scope:
                negated.append("NOT_" + stemmed)
                scope -= 1
    return unigrams + bigrams + negated


def word_features(text: str) -> list[str]:
    """Stemmed word uni- and bigrams of ``text`` (for sentiment)."""
    features: list[str] = []
    for clause in clause_tokens(text):
        stems = [stem(t) for t in clause]
        features.extend(stems)
        features.extend(f"{a} {b}" for a, b in zip(stems, stems[1:]))
    return features
