"""The whole path on the bundled corpus: train, evaluate, predict the seed article."""

import json

import pytest

from stance_cli import main
from tests.conftest import SEED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundled_model(tmp_path_factory):
    model_dir = tmp_path_factory.mktemp("bundled")
    assert main(["train", "--model-dir", str(model_dir), "--quiet"]) == 0
    return model_dir


def test_train_and_evaluate_meet_the_accuracy_bar(bundled_model, tmp_path, capsys):
    report = tmp_path / "report.json"
    assert (
        main(
            [
                "evaluate",
                "--model-dir",
                str(bundled_model),
                "--json",
                str(report),
                "--html",
                str(tmp_path / "report.html"),
            ]
        )
        == 0
    )
    summary = json.loads(report.read_text())["metrics"]["summary"]
    assert summary["statements"] >= 800
    assert summary["stance_macro_f1"] >= 0.85
    assert summary["actor_accuracy"] >= 0.92
    assert summary["sentiment_macro_f1"] >= 0.80


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone")
def test_seed_article_reads_as_a_careful_reader_would(bundled_model, tmp_path):
    out = tmp_path / "seed.jsonl"
    seed = SEED.read_text(encoding="utf-8")
    argv = ["predict", "--model-dir", str(bundled_model), "--output", str(out), seed]
    assert main(argv) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    by_text = {}
    for row in rows:
        by_text.setdefault(row["text"][:60], row)

    def reading(start):
        row = next(r for t, r in by_text.items() if t.startswith(start))
        return row["actor"]["code"], row["stance"]["label"]

    assert reading("The US will accelerate its deployment") == ("USA", "escalatory")
    assert reading("Reassuring the South of the US’s continued") == ("USA", "reassuring")
    assert reading("The US’s commitment to protecting its allies") == ("USA", "reassuring")
    assert reading("In an address at the end of last year, he had called")[0] == "PRK"
    assert reading("In an address at the end of last year, he had called")[1] == "escalatory"
