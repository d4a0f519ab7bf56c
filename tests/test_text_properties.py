"""Any Unicode text gives a well-formed answer: property-based tests of the text path."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.labels import STANCE_LABELS
from model.statements import split_statements

TEXT = st.one_of(
    st.text(max_size=400),
    st.text(
        alphabet=st.sampled_from(
            list(" .!?\n“”\"'-•*–Mr.U.S. \u200f\u202e\x00\t😀北朝鮮Пхеньянبيونغ")
        ),
        max_size=300,
    ),
    st.lists(
        st.sampled_from(
            [
                "Pyongyang fired.",
                "He warned Seoul.",
                "Mr. Kim",
                "U.S.",
                "\n\n",
                "“We will respond.",
                "- ",
                "1) ",
                "No. 7",
                "the North",
            ]
        ),
        max_size=30,
    ).map(" ".join),
)
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(TEXT)
def test_statements_are_exact_slices_in_order(text):
    end = 0
    for statement in split_statements(text):
        assert text[statement.start : statement.end] == statement.text
        assert statement.text == statement.text.strip() and statement.text
        assert statement.start >= end
        end = statement.end


@SETTINGS
@given(TEXT)
def test_any_document_gets_a_well_formed_analysis(tiny_analyzer, text):
    result = tiny_analyzer.analyze(text)
    assert result["summary"]["statements"] == len(result["sentences"])
    for sentence in result["sentences"]:
        assert sentence["stance"]["label"] in STANCE_LABELS
        assert abs(sum(sentence["stance"]["scores"].values()) - 1) < 1e-3
        assert -1 <= sentence["sentiment"]["score"] <= 1
        assert 0 <= sentence["actor"]["score"] <= 1


def test_extreme_inputs(tiny_analyzer):
    for text in ["x" * 100_000, "." * 5000, "\x00" * 100, "\u202e" * 50 + "Seoul", "😀" * 1000]:
        tiny_analyzer.analyze(text)
        tiny_analyzer.classify([text])
