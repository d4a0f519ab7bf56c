import json

import pytest

from training.corpus import CorpusError, documents, read_statements

GOOD = {"text": "Seoul protested.", "actor": "KOR", "stance": "escalatory", "sentiment": "negative"}


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def read(path, actors):
    return read_statements([path], actors)


@pytest.mark.parametrize(
    "row, message",
    [
        ({k: v for k, v in GOOD.items() if k != "stance"}, ":2: field 'stance': missing"),
        ({**GOOD, "stance": "hostile"}, ":2: field 'stance': 'hostile' is not one of"),
        ({**GOOD, "sentiment": "angry"}, ":2: field 'sentiment'"),
        ({**GOOD, "actor": "XXX"}, ":2: field 'actor': unknown actor code 'XXX'"),
        ({**GOOD, "text": "  "}, ":2: field 'text': empty"),
        ({**GOOD, "text": 5}, ":2: field 'text': empty"),
        ({**GOOD, "split": "dev"}, ":2: field 'split'"),
        ({**GOOD, "doc_id": "d1", "position": "first"}, ":2: field 'position'"),
        ({**GOOD, "co_actors": ["ZZZ"]}, ":2: field 'co_actors'"),
        ({**GOOD, "target": "ZZZ"}, ":2: field 'target'"),
        ({**GOOD, "mention": "Tokyo"}, ":2: field 'mention'"),
    ],
)
def test_bad_jsonl_row_is_named_by_file_line_and_field(tmp_path, actors, row, message):
    path = write_jsonl(tmp_path / "bad.jsonl", [GOOD, row])
    with pytest.raises(CorpusError, match=message) as err:
        read(path, actors)
    assert str(err.value).startswith(str(path))
    assert "\n" not in str(err.value)


def test_half_written_last_line(tmp_path, actors):
    path = tmp_path / "cut.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD)[:25], encoding="utf-8")
    with pytest.raises(CorpusError, match=r"cut.jsonl:2: invalid JSON"):
        read(path, actors)


def test_wrong_encoding_names_the_line(tmp_path, actors):
    path = tmp_path / "latin.csv"
    path.write_bytes(
        "text,actor,stance,sentiment\nSeoul protested.,KOR,escalatory,negative\n"
        "Séoul a protesté.,KOR,escalatory,negative\n".encode("latin-1")
    )
    with pytest.raises(CorpusError, match=r"latin.csv:3: not UTF-8"):
        read(path, actors)


def test_missing_csv_column(tmp_path, actors):
    path = tmp_path / "cols.csv"
    path.write_text("text,actor,stance\nSeoul protested.,KOR,escalatory\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"cols.csv:1: missing column\(s\) sentiment"):
        read(path, actors)


def test_one_bad_row_among_ten_thousand(tmp_path, actors):
    lines = ["text\tactor\tstance\tsentiment"]
    lines += [
        f"Seoul protested for the {i}th time.\tKOR\tescalatory\tnegative" for i in range(10_000)
    ]
    lines[7_342] = "Seoul protested again.\tKOR\tescalatory\tfurious"
    path = tmp_path / "big.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"big.tsv:7343: field 'sentiment'"):
        read(path, actors)


def test_csv_row_with_too_few_fields(tmp_path, actors):
    path = tmp_path / "short.csv"
    path.write_text("text,actor,stance,sentiment\nSeoul protested.,KOR\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"short.csv:2: wrong number of fields"):
        read(path, actors)


def test_repeated_position_in_a_document(tmp_path, actors):
    rows = [
        {**GOOD, "doc_id": "d1", "position": 0},
        {**GOOD, "text": "Again.", "doc_id": "d1", "position": 0},
    ]
    with pytest.raises(CorpusError, match=r":2: field 'position': 0 repeats in document d1"):
        read(write_jsonl(tmp_path / "d.jsonl", rows), actors)


@pytest.mark.parametrize("name", ["missing.jsonl", "data.xlsx"])
def test_missing_or_unknown_file(tmp_path, actors, name):
    path = tmp_path / name
    if name.endswith("xlsx"):
        path.write_bytes(b"PK")
    with pytest.raises(CorpusError, match=name):
        read(path, actors)


def test_reads_csv_tsv_jsonl_and_folders_alike(tmp_path, actors):
    write_jsonl(
        tmp_path / "a.jsonl",
        [
            {**GOOD, "doc_id": "d1", "position": 1, "co_actors": ["USA"]},
            {**GOOD, "text": "Seoul spoke.", "doc_id": "d1", "position": 0},
        ],
    )
    (tmp_path / "b.csv").write_text(
        'text,actor,stance,sentiment,co_actors,split\n"Tokyo, too, protested.",JPN,escalatory,negative,USA|KOR,test\n',
        encoding="utf-8",
    )
    statements = read_statements([tmp_path], actors)
    assert [s.actor for s in statements] == ["KOR", "KOR", "JPN"]
    assert statements[2].co_actors == ("USA", "KOR") and statements[2].split == "test"
    assert [s.text for s in documents(statements)["d1"]] == ["Seoul spoke.", "Seoul protested."]
