import numpy as np
import pytest
from sklearn.base import clone

from model.cues import LexiconError, MoveCues, read_move_lexicon
from model.sentiment import VaderFeatures

LEXICON = (
    ("threaten", "escalatory"),
    ("rule out", "escalatory"),
    ("talks", "de-escalatory"),
    ("ceasefire", "de-escalatory"),
    ("stand by", "reassuring"),
    ("visit", "neutral"),
)


def counts(text):
    cues = MoveCues(LEXICON).fit(["x"])
    return dict(zip(cues.get_feature_names_out(), np.expm1(cues.transform([text])[0]).round()))


def test_counts_stemmed_cues_per_stance():
    got = counts("_party_ threatened strikes and threatens more, but offered talks")
    assert got["cue_escalatory"] == 2 and got["cue_de-escalatory"] == 1


def test_multiword_cue_and_negation_scope():
    got = counts("Seoul did not rule out talks")
    assert got["cue_not_escalatory"] == 1 and got["cue_not_de-escalatory"] == 1
    assert got["cue_escalatory"] == 0


def test_follows_scikit_learn_conventions():
    cues = MoveCues(LEXICON, weight=2.0)
    assert clone(cues).get_params() == {"lexicon": LEXICON, "weight": 2.0}
    assert cues.fit(["a"]) is cues and cues.transform(["a", "b"]).shape == (2, 8)
    with pytest.raises(Exception, match="not fitted"):
        MoveCues(LEXICON).transform(["a"])
    with pytest.raises(ValueError, match="unknown stance"):
        MoveCues((("x", "angry"),)).fit(["a"])
    with pytest.raises(ValueError, match="list of texts"):
        VaderFeatures().fit("one string")


@pytest.mark.parametrize(
    "content, message", [("word,class\n", "header"), ("cue,stance\nwar,angry\n", ":2:")]
)
def test_bad_lexicon_file(tmp_path, content, message):
    path = tmp_path / "lexicon.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        read_move_lexicon(path)


def test_a_phrase_counts_once_and_a_negating_cue_still_counts():
    lexicon = LEXICON + (
        ("call off talks", "escalatory"),
        ("reject", "escalatory"),
        ("decline to comment", "neutral"),
    )
    cues = MoveCues(lexicon).fit(["x"])
    names = list(cues.get_feature_names_out())

    def got(text):
        return dict(zip(names, np.expm1(cues.transform([text])[0]).round()))

    called_off = got("_party_ called off talks")
    assert called_off["cue_escalatory"] == 1 and called_off["cue_de-escalatory"] == 0
    rejected = got("_party_ rejected talks")
    assert rejected["cue_escalatory"] == 1 and rejected["cue_not_de-escalatory"] == 1
    declined = got("The ministry declined to comment")
    assert declined["cue_neutral"] == 1 and declined["cue_not_neutral"] == 0
