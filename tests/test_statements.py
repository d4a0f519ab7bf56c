import pytest

from model.statements import split_statements
from tests.conftest import SEED


def texts(text):
    return [s.text for s in split_statements(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Kim met Gen. Park. They talked.", ["Mr. Kim met Gen. Park.", "They talked."]),
        (
            "The U.S. Navy sailed on Sept. 3. China protested.",
            ["The U.S. Navy sailed on Sept. 3.", "China protested."],
        ),
        (
            "Resolution No. 2231 lapsed. Iran said so.",
            ["Resolution No. 2231 lapsed.", "Iran said so."],
        ),
        (
            "Talks resume at 3 p.m. on Monday. Nothing else.",
            ["Talks resume at 3 p.m. on Monday.", "Nothing else."],
        ),
        (
            "“We will respond. Nobody should doubt it,” the ministry said. Seoul was calm.",
            ["“We will respond. Nobody should doubt it,” the ministry said.", "Seoul was calm."],
        ),
        (
            '"We are ready. We are waiting," he said. Then he left.',
            ['"We are ready. We are waiting," he said.', "Then he left."],
        ),
        (
            "Seoul vows response to missile launch\n\nThe launch came at dawn.",
            ["Seoul vows response to missile launch", "The launch came at dawn."],
        ),
        (
            "- Troops moved north\n- Talks stalled\n* Aid arrived.",
            ["Troops moved north", "Talks stalled", "Aid arrived."],
        ),
        ("1. Sanctions widened\n2) Envoys recalled", ["Sanctions widened", "Envoys recalled"]),
        (
            "The ministry said the drills\nwould go ahead next week.",
            ["The ministry said the drills\nwould go ahead next week."],
        ),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_splits_into_statements(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Mr. Kim met Gen. Park.\n\n- One\n“Two. Three,” he said. Four", "  leading space. Trailing  "],
)
def test_offsets_match_the_text(text):
    for statement in split_statements(text):
        assert text[statement.start : statement.end] == statement.text


def test_unbalanced_quote_does_not_swallow_the_document():
    text = "He said “no. Then talks began. Then they ended. Then more. Then more still. End."
    assert len(split_statements(text)) == 6


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone")
def test_seed_article_splits_into_its_paragraph_sentences():
    text = SEED.read_text(encoding="utf-8")
    expected = [p.strip() for p in text.split("\n\n") if p.strip()]
    assert texts(text) == expected
