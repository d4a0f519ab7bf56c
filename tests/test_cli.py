import json

import pytest

from stance_cli import main
from tests.conftest import train_argv


@pytest.fixture()
def trained_dir(tmp_path, tiny_corpus_file, actor_file, capsys):
    model_dir = tmp_path / "models"
    code = main(
        [
            "train",
            "--data",
            str(tiny_corpus_file),
            "--actors",
            str(actor_file),
            "--model-dir",
            str(model_dir),
            "--no-search",
            "--quiet",
            "--no-sentiment-data",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "published version" in out and "test split (3 statements)" in out
    return model_dir


def test_train_records_metrics_data_hash_and_params(trained_dir):
    (version,) = (trained_dir / "versions").iterdir()
    manifest = json.loads((version / "manifest.json").read_text())
    assert manifest["metrics"]["test"]["statements"] == 3
    assert len(manifest["data"]["sha256"]) == 64 and manifest["data"]["test_rows"] == 3
    assert manifest["training"]["random_state"] == 0


def test_model_dir_comes_from_the_environment(tmp_path, tiny_corpus_file, actor_file, monkeypatch):
    monkeypatch.setenv("STANCE_MODEL_DIR", str(tmp_path / "env-models"))
    assert (
        main(
            [
                "train",
                "--data",
                str(tiny_corpus_file),
                "--actors",
                str(actor_file),
                "--no-search",
                "--quiet",
                "--no-sentiment-data",
            ]
        )
        == 0
    )
    assert (tmp_path / "env-models" / "CURRENT").exists()


def test_evaluate_writes_json_and_html(trained_dir, tiny_corpus_file, tmp_path, capsys):
    report_json, report_html = tmp_path / "r.json", tmp_path / "r.html"
    assert (
        main(
            [
                "evaluate",
                "--model-dir",
                str(trained_dir),
                "--data",
                str(tiny_corpus_file),
                "--json",
                str(report_json),
                "--html",
                str(report_html),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "stance" in out and "VADER alone" in out
    report = json.loads(report_json.read_text())
    assert report["metrics"]["summary"]["statements"] == 53
    assert {"calibration", "confusion", "per_class", "baseline_majority"} <= set(
        report["metrics"]["stance"]
    )
    assert {"seen", "unseen", "in_documents"} <= set(report["metrics"]["actor"])
    html = report_html.read_text()
    assert html.count("data:image/png;base64,") == 3 and "<script" not in html


def test_evaluate_compares_with_the_previous_version(
    trained_dir, tiny_corpus_file, actor_file, tmp_path
):
    main(
        [
            "train",
            "--data",
            str(tiny_corpus_file),
            "--actors",
            str(actor_file),
            "--model-dir",
            str(trained_dir),
            "--no-search",
            "--quiet",
            "--no-sentiment-data",
            "--random-state",
            "1",
        ]
    )
    main(
        [
            "evaluate",
            "--model-dir",
            str(trained_dir),
            "--data",
            str(tiny_corpus_file),
            "--json",
            str(tmp_path / "r.json"),
        ]
    )
    change = json.loads((tmp_path / "r.json").read_text())["change"]
    assert set(change) == {"stance_macro_f1", "actor_accuracy", "sentiment_macro_f1"}


def test_predict_text_argument_gives_json_lines(trained_dir, capsys):
    assert (
        main(
            [
                "predict",
                "--model-dir",
                str(trained_dir),
                "Pyongyang fired a missile. It warned Seoul.",
            ]
        )
        == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["index"] for r in rows] == [0, 1]
    assert rows[1]["actor"]["code"] == "PRK" and rows[1]["doc_id"] == "arg"
    assert {"start", "end", "stance", "sentiment"} <= set(rows[0])


def test_predict_file_of_documents_to_output(trained_dir, tmp_path):
    source = tmp_path / "docs.jsonl"
    source.write_text(
        '{"id": "a", "text": "Seoul protested."}\n\n{"id": "b", "text": "Beijing warned Taipei. Taipei called for talks."}\n'
    )
    out = tmp_path / "out.jsonl"
    assert (
        main(
            [
                "predict",
                "--model-dir",
                str(trained_dir),
                "--input",
                str(source),
                "--output",
                str(out),
            ]
        )
        == 0
    )
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["doc_id"], r["index"]) for r in rows] == [("a", 0), ("b", 0), ("b", 1)]


def test_predict_reads_standard_input(trained_dir, monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Seoul protested.\n\nTokyo agreed."))
    assert main(["predict", "--model-dir", str(trained_dir)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize(
    "argv, message",
    [
        (["train", "--data", "{bad}"], "{bad}:2: field 'stance'"),
        (["train", "--data", "{missing}"], "no such file"),
        (
            ["train", "--data", "{tiny}", "--sentiment-data", "{bad_sentiment}"],
            "s.jsonl:1: field 'sentiment'",
        ),
        (["predict", "--input", "{bad_input}"], ":1: invalid JSON"),
        (["evaluate", "--model-dir", "{empty}"], "no model published yet"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    argv, message, tmp_path, actor_file, tiny_corpus_file, trained_dir, capsys
):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text":"a","actor":"KOR","stance":"neutral","sentiment":"neutral"}\n'
        '{"text":"b","actor":"KOR","stance":"meh","sentiment":"neutral"}\n'
    )
    bad_sentiment = tmp_path / "s.jsonl"
    bad_sentiment.write_text('{"text": "Lovely.", "sentiment": "glad"}\n')
    bad_input = tmp_path / "in.jsonl"
    bad_input.write_text("{nope\n")
    paths = {
        "bad": bad,
        "missing": tmp_path / "none.csv",
        "bad_input": bad_input,
        "empty": tmp_path / "empty",
        "bad_sentiment": bad_sentiment,
        "tiny": tiny_corpus_file,
    }
    argv = [a.format(**paths) for a in argv]
    if argv[0] in ("train", "predict") and "--model-dir" not in argv:
        argv += ["--model-dir", str(trained_dir)]
    if argv[0] == "train":
        argv += ["--actors", str(actor_file), "--quiet"]
        if "--sentiment-data" not in argv:
            argv.append("--no-sentiment-data")
    before = sorted(p.name for p in (trained_dir / "versions").iterdir())
    code = main(argv)
    err = capsys.readouterr().err
    assert code != 0
    assert message.format(**paths) in err and err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p.name for p in (trained_dir / "versions").iterdir()) == before


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            [("Seoul protested.", "KOR", "escalatory", "negative")] * 2,
            "field 'stance': the training rows hold only escalatory",
        ),
        (
            [
                ("Seoul protested.", "KOR", "escalatory", "negative"),
                ("Seoul talked.", "KOR", "de-escalatory", "positive"),
            ],
            "occur only once",
        ),
    ],
)
def test_too_uniform_training_data_is_refused(tmp_path, actor_file, rows, message, capsys):
    path = tmp_path / "plain.csv"
    path.write_text("text,actor,stance,sentiment\n" + "".join(",".join(r) + "\n" for r in rows))
    argv = train_argv(
        str(path), str(actor_file), str(tmp_path / "m"), "--no-sentiment-data", "--no-search"
    )
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_plain_csv_without_groups_or_no_actor_rows_trains(tmp_path, tiny_statements, actor_file):
    rows = [s for s in tiny_statements if s.actor != "NONE"]
    path = tmp_path / "plain.csv"
    path.write_text(
        "text,actor,stance,sentiment\n"
        + "".join(f'"{s.text}",{s.actor},{s.stance},{s.sentiment}\n' for s in rows)
    )
    argv = train_argv(str(path), str(actor_file), str(tmp_path / "m"), "--no-sentiment-data")
    assert main(argv) == 0


def test_predict_never_truncates_or_overwrites(trained_dir, tmp_path, capsys):
    existing = tmp_path / "results.jsonl"
    existing.write_text("keep me\n")
    assert (
        main(
            [
                "predict",
                "--model-dir",
                str(trained_dir),
                "--input",
                str(tmp_path / "nope.txt"),
                "--output",
                str(existing),
            ]
        )
        == 2
    )
    assert existing.read_text() == "keep me\n"
    source = tmp_path / "docs.txt"
    source.write_text("Seoul protested.\n")
    assert (
        main(
            [
                "predict",
                "--model-dir",
                str(trained_dir),
                "--input",
                str(source),
                "--output",
                str(source),
            ]
        )
        == 2
    )
    assert source.read_text() == "Seoul protested.\n"
    assert "overwrite the input" in capsys.readouterr().err


def test_missing_lexicon_is_an_error(tmp_path, tiny_corpus_file, actor_file, capsys):
    argv = train_argv(
        str(tiny_corpus_file),
        str(actor_file),
        str(tmp_path / "m"),
        "--lexicon",
        str(tmp_path / "none.csv"),
    )
    assert main(argv) == 2
    assert "no such lexicon file" in capsys.readouterr().err


def test_output_to_a_directory_is_one_line(trained_dir, tmp_path, capsys):
    assert main(["predict", "--model-dir", str(trained_dir), "--output", str(tmp_path), "Hi."]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_published_model_loads_in_a_fresh_process(trained_dir):
    import subprocess
    import sys

    code = (
        "from model.artifact import load_version; import sys; "
        "a, m = load_version(sys.argv[1]); "
        "print(a.classify(['Pyongyang fired a missile.'])[0]['actor']['code'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(trained_dir)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "PRK"
