import pytest

from model.labels import STANCE_LABELS


def test_prediction_has_the_contract_shape(tiny_analyzer):
    (p,) = tiny_analyzer.classify(["Pyongyang fired two missiles towards Japan on Friday."])
    assert set(p) == {"text", "actor", "stance", "sentiment"}
    assert set(p["actor"]) == {"code", "name", "mention", "score"}
    assert p["actor"] == {
        "code": "PRK",
        "name": "North Korea",
        "mention": "Pyongyang",
        "score": p["actor"]["score"],
    }
    assert 0 < p["actor"]["score"] <= 1
    assert list(p["stance"]["scores"]) == list(STANCE_LABELS)
    assert sum(p["stance"]["scores"].values()) == pytest.approx(1, abs=1e-3)
    assert p["stance"]["score"] == p["stance"]["scores"][p["stance"]["label"]]
    assert -1 <= p["sentiment"]["score"] <= 1
    assert p["sentiment"]["label"] in {"negative", "neutral", "positive"}


def test_no_party_means_actor_none(tiny_analyzer):
    (p,) = tiny_analyzer.classify(["Heavy rain fell on Tuesday."])
    assert p["actor"]["code"] == "NONE" and p["actor"]["mention"] is None


def test_pronoun_without_context_does_not_invent_an_actor(tiny_analyzer):
    (p,) = tiny_analyzer.classify(["He warned of a response."])
    assert p["actor"]["code"] == "NONE"


def test_analyze_resolves_pronouns_through_earlier_statements(tiny_analyzer):
    text = "Vladimir Putin spoke in Moscow on Friday. He warned Kyiv against new strikes."
    result = tiny_analyzer.analyze(text)
    first, second = result["sentences"]
    assert (first["index"], second["index"]) == (0, 1)
    assert text[second["start"] : second["end"]] == second["text"]
    assert second["actor"]["code"] == "RUS" and second["actor"]["mention"] == "He"


def test_summary_counts_per_actor(tiny_analyzer):
    result = tiny_analyzer.analyze(
        "Pyongyang fired a missile. Seoul condemned the launch. Pyongyang fired another missile."
    )
    summary = result["summary"]
    assert summary["statements"] == 3
    by_code = {a["code"]: a for a in summary["actors"]}
    assert by_code["PRK"]["statements"] == 2 and by_code["KOR"]["statements"] == 1
    assert sum(by_code["PRK"]["stance"].values()) == 2
    assert -1 <= summary["tension"] <= 1


def test_explanation_lists_weighted_words(tiny_analyzer):
    (p,) = tiny_analyzer.classify(["North Korea threatened to fire missiles."], explain=True)
    explanation = p["explanation"]["stance"]
    assert explanation and all(set(e) == {"feature", "weight"} for e in explanation)
    weights = [abs(e["weight"]) for e in explanation]
    assert weights == sorted(weights, reverse=True)
    # features read as the words of the sentence (not stems or internal names)
    assert {"fire", "missiles"} & {e["feature"] for e in explanation}
    assert not any("__" in e["feature"] for e in explanation)


def test_empty_inputs(tiny_analyzer):
    assert tiny_analyzer.classify([]) == []
    assert tiny_analyzer.analyze("") == {
        "sentences": [],
        "summary": {
            "statements": 0,
            "actors": [],
            "stance": dict.fromkeys(STANCE_LABELS, 0),
            "tension": 0.0,
        },
    }


def test_text_naming_no_actor_is_read_by_the_general_tone_model(tiny_analyzer):
    from sklearn.dummy import DummyClassifier

    from model.analyzer import Analyzer

    always_positive = DummyClassifier(strategy="constant", constant="positive").fit(
        ["a", "b", "c"], ["negative", "neutral", "positive"]
    )
    analyzer = Analyzer(
        tiny_analyzer.actors,
        tiny_analyzer.resolver,
        tiny_analyzer.stance_model,
        tiny_analyzer.sentiment_model,
        always_positive,
    )
    general, crisis = analyzer.classify(
        ["The new library is a disaster.", "Pyongyang fired missiles, killing three."]
    )
    assert general["sentiment"] == {"label": "positive", "score": 1.0}
    assert crisis["sentiment"]["label"] == "negative"
