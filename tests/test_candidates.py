from model.actors import Actor, ActorList
from model.candidates import candidate_features, find_candidates


def features(actors, text):
    candidates = find_candidates(text, actors)
    return [(c.code, f) for c, f in zip(candidates, candidate_features(text, candidates))]


def test_cues_are_blind_to_which_actor_is_named(actors):
    a = features(actors, "In response to Seoul's drills, Pyongyang fired missiles, KCNA said.")
    b = features(actors, "In response to Kyiv's drills, Moscow fired missiles, TASS said.")
    assert [f for _, f in a] == [f for _, f in b]


def test_cues_describe_the_role_in_the_sentence(actors):
    (_, seoul), (_, pyongyang), (_, kcna) = features(
        actors, "In response to Seoul's drills, Pyongyang fired missiles, KCNA said."
    )
    assert seoul.get("possessive") and seoul.get("after_reaction_word")
    assert pyongyang.get("n1=fired") and pyongyang.get("p1=,")
    assert kcna.get("attribution_after") and kcna.get("repeated_actor")


def test_an_actor_unknown_to_training_is_found_once_the_list_knows_it():
    actors = ActorList([Actor("GUY", "Guyana", "state", ("Georgetown",))])
    assert [c.code for c in find_candidates("Georgetown protested", actors)] == ["GUY"]
