import pytest

from model.actors import Mention
from model.text import PARTY, mask_mentions, stance_features, tokenize


def test_negation_scope_marks_the_words_after_the_cue_until_punctuation():
    features = stance_features("Seoul did not rule out talks, but warned of a response")
    assert {"NOT_rule", "NOT_out", "NOT_talk"} <= set(features)
    assert "NOT_warn" not in features and "warn" in features


def test_contractions_become_not():
    assert tokenize("Moscow didn't and won’t") == ["moscow", "did", "not", "and", "wo", "not"]


@pytest.mark.parametrize("a, b", [("Pyongyang fired missiles", "Caracas fired missiles")])
def test_masking_makes_actors_look_alike(a, b):
    ma = mask_mentions(a, [Mention("PRK", a.split()[0], 0, len(a.split()[0]))])
    mb = mask_mentions(b, [Mention("VEN", b.split()[0], 0, len(b.split()[0]))])
    assert stance_features(ma) == stance_features(mb)
    assert PARTY in tokenize(ma)
