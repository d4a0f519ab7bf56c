import pytest

from model.candidates import find_candidates
from model.context import DocumentContext
from model.references import find_references


def test_references_carry_the_actor_type_they_can_stand_for():
    refs = {
        r.text: r.actor_type
        for r in find_references(
            "He said the group and the alliance backed the regime, Mr Kim added."
        )
    }
    assert refs == {
        "He": "person",
        "the group": "non-state",
        "the alliance": "organisation",
        "the regime": "state",
        "Mr Kim": "person",
    }


def test_references_inside_names_are_not_candidates(actors):
    candidates = find_candidates("The Pentagon said it would respond", actors)
    assert [(c.text, c.kind) for c in candidates] == [("The Pentagon", "name"), ("it", "pronoun")]


def reference(actors, text, surface):
    return next(c for c in find_candidates(text, actors) if c.text == surface)


@pytest.mark.parametrize(
    "history, text, surface, expected",
    [
        # most recent actor wins for a plain pronoun
        (
            [("KOR", "Seoul held drills."), ("PRK", "Pyongyang fired a missile.")],
            "He warned of more.",
            "He",
            "PRK",
        ),
        # "the North" prefers the actor whose name holds the word, not the latest one
        (
            [("PRK", "Pyongyang fired a missile."), ("KOR", "Seoul protested.")],
            "The North said it would go on.",
            "The North",
            "PRK",
        ),
        # a type constraint skips a state for "the group"
        (
            [("HAMAS", "Hamas fired rockets."), ("UN", "The UN urged calm.")],
            "The group said it would not stop.",
            "The group",
            "HAMAS",
        ),
        # "Mr Kim" goes to the party of an earlier "Kim Jong Un"
        (
            [("PRK", "Kim Jong Un inspected a factory."), ("USA", "Washington said little.")],
            "Mr Kim said more tests would come.",
            "Mr Kim",
            "PRK",
        ),
        ([("USA", "The US condemned the launch.")], "The alliance met.", "The alliance", None),
    ],
)
def test_context_resolves_references(actors, history, text, surface, expected):
    context = DocumentContext(actors)
    for code, sentence in history:
        context.remember(code, find_candidates(sentence, actors))
    assert context.resolve(reference(actors, text, surface)) == expected


@pytest.mark.parametrize(
    "text", ["the ſtate said", "The mİlitary said", "the mılitary fired", "Mr Kim’s sister said"]
)
def test_odd_case_variants_do_not_crash(text):
    refs = find_references(text)
    assert all(r.head == r.head.lower() for r in refs)


def test_title_matches_whole_words_and_drops_possessives(actors):
    context = DocumentContext(actors)
    context.remember("CHN", find_candidates("Xi Jinping met officials.", actors))
    context.remember("UKR", find_candidates("Israeli officials spoke to Kyiv.", actors))
    # "xi" must not match inside another word; "Mr Xi's" must find "Xi Jinping"
    assert context.resolve(reference(actors, "Mr Xi's aide said", "Mr Xi's")) == "CHN"
