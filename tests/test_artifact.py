import json
import os

import pytest

from model.artifact import (
    CURRENT_FILE,
    MANIFEST_FILE,
    MODEL_FILE,
    ModelLoadError,
    current_version,
    load_version,
    version_dir,
)
from training.publish import clean_staging, list_versions, publish


def current_path(model_dir, name=MODEL_FILE):
    return version_dir(model_dir, current_version(model_dir)) / name


def test_published_version_loads_and_answers(model_dir):
    analyzer, manifest = load_version(model_dir)
    assert manifest["labels"]["stance"] == ["escalatory", "de-escalatory", "reassuring", "neutral"]
    assert set(manifest["environment"]) >= {"python", "scikit-learn", "numpy", "nltk"}
    assert analyzer.classify(["Pyongyang fired a missile."])[0]["actor"]["code"] == "PRK"


def test_manifest_hashes_every_file(model_dir):
    manifest = json.loads(current_path(model_dir, MANIFEST_FILE).read_text())
    assert set(manifest["files"]) == {"model.joblib", "actors.csv"}
    assert all(len(h) == 64 for h in manifest["files"].values())


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete"])
def test_damaged_model_file_is_refused_before_loading(model_dir, damage, monkeypatch):
    path = current_path(model_dir)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        path.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])
    else:
        path.unlink()
    import joblib

    monkeypatch.setattr(joblib, "load", lambda *a, **k: pytest.fail("joblib.load was reached"))
    with pytest.raises(ModelLoadError, match="retrain"):
        load_version(model_dir)


def test_tampered_actor_list_is_refused(model_dir):
    path = current_path(model_dir, "actors.csv")
    path.write_text(path.read_text() + "EVL,Evil,state,\n")
    with pytest.raises(ModelLoadError, match="SHA-256 does not match"):
        load_version(model_dir)


def test_other_scikit_learn_version_is_refused_with_advice(model_dir):
    path = current_path(model_dir, MANIFEST_FILE)
    manifest = json.loads(path.read_text())
    manifest["environment"]["scikit-learn"] = "0.24.2"
    path.write_text(json.dumps(manifest))
    with pytest.raises(ModelLoadError, match=r"trained with scikit-learn 0.24.2.*retrain"):
        load_version(model_dir)


def test_manifest_cannot_point_outside_the_version(model_dir):
    path = current_path(model_dir, MANIFEST_FILE)
    manifest = json.loads(path.read_text())
    manifest["files"]["../../elsewhere"] = "0" * 64
    path.write_text(json.dumps(manifest))
    with pytest.raises(ModelLoadError, match="outside the version"):
        load_version(model_dir)


def test_empty_model_dir_says_to_train(tmp_path):
    with pytest.raises(ModelLoadError, match="stance train"):
        load_version(tmp_path)


def test_publish_switches_current_and_keeps_the_last_few(model_dir, tiny_analyzer, actor_file):
    first = current_version(model_dir)
    names = [
        publish(
            tiny_analyzer,
            model_dir,
            actor_file,
            metrics={},
            data={},
            params={},
            training={},
            keep=3,
        )
        for _ in range(4)
    ]
    assert current_version(model_dir) == names[-1] != first
    assert list_versions(model_dir) == names[-3:]


def test_leftovers_of_a_killed_run_are_cleaned_and_current_is_untouched(
    model_dir, tiny_analyzer, actor_file
):
    before = current_version(model_dir)
    (model_dir / ".staging-dead").mkdir()
    (model_dir / ".staging-dead" / MODEL_FILE).write_bytes(b"half")
    (model_dir / f".{CURRENT_FILE}.tmp1").write_text("garbage")
    assert sorted(clean_staging(model_dir)) == [".CURRENT.tmp1", ".staging-dead"]
    assert current_version(model_dir) == before
    load_version(model_dir)


def test_failed_publish_leaves_the_current_model(model_dir, tiny_analyzer, actor_file, monkeypatch):
    before = current_version(model_dir)
    import training.publish as publishing

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publishing.joblib, "dump", crash)
    with pytest.raises(publishing.PublishError, match="current model is unchanged"):
        publish(tiny_analyzer, model_dir, actor_file, metrics={}, data={}, params={}, training={})
    assert current_version(model_dir) == before
    assert not [p for p in os.listdir(model_dir) if p.startswith(".staging")]
    load_version(model_dir)
