import pytest

from model.actors import Actor, ActorList, ActorListError, load_actor_list


def codes(actors, text):
    return [(m.code, m.text) for m in actors.find_mentions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pyongyang fired a missile", [("PRK", "Pyongyang")]),
        ("Pyongyang's missiles", [("PRK", "Pyongyang's")]),
        ("Pyongyang’s missiles", [("PRK", "Pyongyang’s")]),
        ("the U.S. and the US", [("USA", "U.S."), ("USA", "US")]),
        ("The Pentagon said", [("USA", "The Pentagon")]),
        ("the Pentagon said", [("USA", "the Pentagon")]),
        ("North Korean troops", [("PRK", "North Korean")]),
        ("US-led drills", [("USA", "US")]),
        ("Kim Jong-un said", [("PRK", "Kim Jong-un")]),
        ("the UN Security Council met", [("UN", "the UN")]),
        ("a UN Security Council vote", [("UN", "UN Security Council")]),
        ("NATO allies", [("NATO", "NATO")]),
    ],
)
def test_finds_aliases_possessives_and_longest_names(actors, text, expected):
    assert codes(actors, text) == expected


@pytest.mark.parametrize(
    "text", ["a bus and a focus", "USAID", "anti-American", "Koreans", "BRUSSELS"]
)
def test_does_not_match_inside_words(actors, text):
    assert codes(actors, text) == []


def test_offsets_point_at_the_mention(actors):
    text = "In response to Seoul's drills, Pyongyang fired."
    for mention in actors.find_mentions(text):
        assert text[mention.start : mention.end] == mention.text


def test_state_codes_are_not_aliases_but_organisation_codes_are():
    actors = ActorList(
        [Actor("CAN", "Canada", "state", ()), Actor("EU", "European Union", "organisation", ())]
    )
    assert codes(actors, "CAN we trust the EU") == [("EU", "EU")]


def test_an_actor_added_to_the_file_is_found(tmp_path, actor_file):
    extended = tmp_path / "actors.csv"
    extended.write_text(
        actor_file.read_text(encoding="utf-8") + "XKX,Kosovo,state,Kosovo|Pristina|Vjosa Osmani\n",
        encoding="utf-8",
    )
    assert codes(load_actor_list(extended), "Pristina protested") == [("XKX", "Pristina")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("code,name,aliases\nPRK,North Korea,\n", "missing column(s) type"),
        ("code,name,type,aliases\nPRK,North Korea,country,\n", ":2: field 'type'"),
        ("code,name,type,aliases\n,North Korea,state,\n", ":2: field 'code'"),
        ("code,name,type,aliases\nprk,North Korea,state,\n", ":2: field 'code'"),
        ("code,name,type,aliases\nPRK,,state,\n", ":2: field 'name' is empty"),
        (
            "code,name,type,aliases\nPRK,North Korea,state,\nPRK,DPRK,state,\n",
            ":3: field 'code' 'PRK' is listed twice",
        ),
        ("code,name,type,aliases\n", "has no actors"),
    ],
)
def test_bad_actor_list_names_line_and_field(tmp_path, content, message):
    path = tmp_path / "actors.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActorListError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_actor_list(path)


def test_actor_list_not_utf8(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes("code,name,type,aliases\nCIV,Côte d'Ivoire,state,\n".encode("latin-1"))
    with pytest.raises(ActorListError, match="not UTF-8"):
        load_actor_list(path)
