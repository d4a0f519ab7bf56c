"""Split a document into statements with character offsets.

NLTK's Punkt does the sentence work, from parameters built here (no download):
an abbreviation list so that "Mr.", "Gen.", "U.S.", "Sept." and "No." do not end
a sentence. Around it: line structure (headlines and lines without a full stop
are statements of their own, bullets are stripped, hard-wrapped lines are
joined) and quotations that span sentences are kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cmdr cdr sgt cpl pvt adm brig rep sen gov pres
    amb sec dep st mt ft jr sr messrs rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vol art para ch fig op approx est dept govt inc ltd co corp bros vs etc
    u.s u.k u.n e.u u.a.e u.s.a u.s.s.r d.c p.m a.m i.e e.g
    """.split()
)
BULLET = re.compile(r"[ \t]*(?:[-*•‣◦▪–—]|\d{1,2}[.)])[ \t]+")
TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")
OPENING_QUOTES = "“"
CLOSING_QUOTES = "”"
MAX_QUOTE_MERGE = 4


@dataclass(frozen=True)
class Statement:
    """One statement of a document: its text and where it sits in the document."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def punkt_tokenizer() -> PunktSentenceTokenizer:
    """Return a Punkt tokenizer that knows news abbreviations, built offline."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def _lines(text: str):
    """Yield (start, end) of logical lines: wrapped lines joined, blank lines dropped."""
    start = None
    end = 0
    previous = ""
    for match in re.finditer(r"[^\n]*(?:\n|$)", text):
        line = match.group(0).rstrip("\n")
        if not line.strip():
            if start is not None:
                yield start, end
                start = None
            if match.end() >= len(text):
                break
            continue
        if start is not None:
            # Only the previous physical line decides: rescanning the whole joined
            # paragraph would make long hard-wrapped text quadratic.
            continues = (
                not TERMINAL.search(previous)
                and not BULLET.match(line)
                and line.lstrip()[:1].islower()
            )
            if not continues:
                yield start, end
                start = None
        if start is None:
            start = match.start()
        end = match.start() + len(line)
        previous = line
        if match.end() >= len(text):
            break
    if start is not None:
        yield start, end


def _open_quote(text: str) -> bool:
    curly = text.count(OPENING_QUOTES) > text.count(CLOSING_QUOTES)
    straight = text.count('"') % 2 == 1
    return curly or straight


def _merge_quotations(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join sentences while a quotation opened in them is still open."""
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        j = i
        while _open_quote(text[start:end]) and j + 1 < len(spans) and j - i < MAX_QUOTE_MERGE:
            j += 1
            end = spans[j][1]
        if _open_quote(text[start:end]):
            j, end = i, spans[i][1]  # unbalanced to the end: a stray quote, not a quotation
        merged.append((start, end))
        i = j + 1
    return merged


def split_statements(text: str) -> list[Statement]:
    """Split ``text`` into statements with character offsets.

    Parameters
    ----------
    text : str
        A document: an article, a headline, a list of bullets.

    Returns
    -------
    list of Statement
        In document order; ``text[s.start:s.end] == s.text`` for each.

    Examples
    --------
    >>> text = "Mr. Kim left for the U.S. on Sept. 3. He met Gen. Park."
    >>> [s.text for s in split_statements(text)]
    ['Mr. Kim left for the U.S. on Sept. 3.', 'He met Gen. Park.']
    """
    tokenizer = punkt_tokenizer()
    statements = []
    for line_start, line_end in _lines(text):
        bullet = BULLET.match(text, line_start, line_end)
        if bullet:
            line_start = bullet.end()
        block = text[line_start:line_end]
        spans = [(line_start + s, line_start + e) for s, e in tokenizer.span_tokenize(block)]
        for start, end in _merge_quotations(spans, text):
            chunk = text[start:end]
            stripped_left = len(chunk) - len(chunk.lstrip())
            chunk = chunk.strip()
            if chunk:
                start += stripped_left
                statements.append(Statement(chunk, start, start + len(chunk)))
    return statements
