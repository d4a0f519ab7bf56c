"""The bundled corpus, actor list and data card: the checks of the corpus issue."""

import json
import re
from collections import Counter

import pytest

from model.actors import load_actor_list
from model.labels import SENTIMENT_LABELS, STANCE_LABELS
from tests.conftest import SHARED
from training.corpus import (
    DATASETS_DIR,
    default_actor_file,
    default_corpus_files,
    default_sentiment_files,
    documents,
    read_sentiment_sentences,
    read_statements,
)
from training.datacard import CARD, END, START, corpus_stats, render_card_tables, split_theatres

UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()


@pytest.fixture(scope="module")
def actors():
    return load_actor_list(default_actor_file())


@pytest.fixture(scope="module")
def statements(actors):
    return read_statements(default_corpus_files(), actors)


@pytest.fixture(scope="module")
def raw_rows():
    rows = []
    for path in default_corpus_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            rows.append((f"{path.name}:{number}", json.loads(line)))
    return rows


@pytest.fixture(scope="module")
def stats(statements):
    return corpus_stats(statements)


def test_every_row_has_the_fields_of_the_schema(raw_rows):
    fields = {
        "text",
        "actor",
        "stance",
        "sentiment",
        "mention",
        "co_actors",
        "target",
        "theatre",
        "doc_id",
        "position",
        "split",
    }
    for where, row in raw_rows:
        assert set(row) == fields, where


def test_labels_and_codes_are_valid(statements, actors):
    # read_statements already rejects unknown labels and codes; this pins that it ran on all.
    assert all(s.stance in STANCE_LABELS and s.sentiment in SENTIMENT_LABELS for s in statements)
    assert all(s.actor in actors and all(c in actors for c in s.co_actors) for s in statements)
    assert all(s.target is None or s.target in actors for s in statements)


def test_mentions_name_the_actor(statements):
    for s in statements:
        if s.actor == "NONE":
            assert s.mention is None and s.stance == "neutral", s.text
        else:
            assert s.mention and s.mention in s.text, s.text


def test_no_duplicate_statements(statements):
    normalized = Counter(re.sub(r"\W+", " ", s.text.lower()).strip() for s in statements)
    assert [t for t, n in normalized.items() if n > 1] == []


def test_size_balance_and_diversity(stats):
    assert stats["statements"] >= 4000
    assert stats["theatres"] >= 20
    assert all(v["share"] >= 0.15 for v in stats["stance"].values()), stats["stance"]
    assert stats["actor_codes"] >= 60
    assert stats["twenty_fifth_actor_count"] >= 40
    assert stats["near_duplicate_rate"] < 0.01


def test_documents_are_short_articles_in_order(statements):
    docs = documents(statements)
    assert len(docs) >= 150
    for doc_id, doc in docs.items():
        assert 3 <= len(doc) <= 10, doc_id
        assert [s.position for s in doc] == list(range(len(doc))), doc_id
        assert len({s.theatre for s in doc}) == 1 and len({s.split for s in doc}) == 1, doc_id


def test_split_is_fixed_by_theatre_and_large_enough(statements):
    assert {s.split for s in statements} == {"train", "test"}
    test_theatres = {s.theatre for s in statements if s.split == "test"}
    assert test_theatres == split_theatres(statements)
    assert not test_theatres & {s.theatre for s in statements if s.split == "train"}
    assert sum(s.split == "test" for s in statements) >= 0.20 * len(statements)
    assert {s.stance for s in statements if s.split == "test"} == set(STANCE_LABELS)


def test_actor_list_covers_states_organisations_and_groups(actors):
    missing = [c for c in UN_MEMBERS + ["TWN", "XKX", "PSE"] if c not in actors]
    assert missing == []
    types = Counter(a.type for a in actors.actors.values())
    assert types["organisation"] >= 30 and types["non-state"] >= 25


def test_every_alias_names_one_actor():
    import csv

    owner = {}
    clashes = []
    with open(default_actor_file(), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for alias in [row["name"], *row["aliases"].split("|")]:
                alias = alias.strip()
                key = alias.lower()
                if key and owner.setdefault(key, row["code"]) != row["code"]:
                    clashes.append((alias, owner[key], row["code"]))
    assert clashes == []


@pytest.mark.parametrize(
    "text, code",
    [
        ("The Kremlin said", "RUS"),
        ("Pyongyang fired", "PRK"),
        ("the White House said", "USA"),
        ("Zhongnanhai signalled", "CHN"),
        ("KCNA reported", "PRK"),
        ("Xinhua said", "CHN"),
        ("TASS reported", "RUS"),
        ("IRNA said", "IRN"),
        ("U.S. officials", "USA"),
        ("Kim Jong Un", "PRK"),
        ("Zelensky said", "UKR"),
        ("the Houthis fired", "HOUTHIS"),
    ],
)
def test_metonyms_media_and_leaders_resolve(actors, text, code):
    assert actors.find_mentions(text)[0].code == code


def test_sentiment_set_is_valid_and_distinct(statements):
    sentences = read_sentiment_sentences(default_sentiment_files())
    assert len(sentences) >= 1000
    texts = Counter(s.text.lower() for s in sentences)
    assert [t for t, n in texts.items() if n > 1] == []
    assert not set(texts) & {s.text.lower() for s in statements}


def test_data_card_figures_are_current(stats):
    card = CARD.read_text(encoding="utf-8")
    generated = card[card.index(START) : card.index(END) + len(END)]
    assert generated == render_card_tables(stats), "run `python -m training.datacard card`"


def _norm(text):
    return re.sub(r"\W+", " ", text.lower()).strip()


@pytest.mark.skipif(
    not (SHARED / "benchmarks").is_dir(), reason="../shared is not beside this clone"
)
def test_no_evaluation_material_in_the_data():
    ours = "\n".join(
        _norm(line)
        for path in DATASETS_DIR.rglob("*")
        if path.is_file() and path.suffix in (".jsonl", ".csv", ".txt")
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines()
    )
    leaks = []
    for path in (SHARED / "benchmarks").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = _norm(json.loads(line)["text"])
            if len(text) > 40 and text in ours:
                leaks.append(text)
    for path in (SHARED / "seeds").glob("*"):
        for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")):
            text = _norm(sentence)
            if len(text) > 40 and text in ours:
                leaks.append(text)
    assert leaks == []


def test_two_blind_readers_agree(stats):
    agreement = stats["agreement"]
    assert agreement["n"] >= 400 and agreement["unmatched"] == 0
    assert agreement["stance"]["kappa"] >= 0.80
    assert agreement["actor"]["kappa"] >= 0.90
