"""Fixtures that build on each other: tiny data -> trained analyzer -> published model dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.actors import load_actor_list
from training.corpus import read_statements
from training.fit import train_analyzer
from training.publish import publish

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "us-korea-deployment.txt"


def train_argv(data, actor_file, model_dir, *extra) -> list[str]:
    """`stance train` arguments for tiny test data, quiet, plus ``extra`` options."""
    return [
        "train",
        "--data",
        str(data),
        "--actors",
        str(actor_file),
        "--model-dir",
        str(model_dir),
        "--quiet",
        *extra,
    ]


@pytest.fixture(scope="session")
def actor_file() -> Path:
    return DATA / "actors.csv"


@pytest.fixture(scope="session")
def actors(actor_file):
    return load_actor_list(actor_file)


@pytest.fixture(scope="session")
def tiny_corpus_file() -> Path:
    return DATA / "corpus.jsonl"


@pytest.fixture(scope="session")
def tiny_statements(tiny_corpus_file, actors):
    return read_statements([tiny_corpus_file], actors)


@pytest.fixture(scope="session")
def tiny_analyzer(tiny_statements, actors):
    """An analyzer trained in about a second on the tiny inline corpus."""
    train = [s for s in tiny_statements if s.split != "test"]
    return train_analyzer(train, actors, search=False, progress=False).analyzer


@pytest.fixture(scope="session")
def published_dir(tmp_path_factory, tiny_analyzer, actor_file) -> Path:
    """A model directory holding one published version of the tiny analyzer."""
    model_dir = tmp_path_factory.mktemp("models")
    publish(
        tiny_analyzer, model_dir, actor_file, metrics={}, data={"rows": 0}, params={}, training={}
    )
    return model_dir


@pytest.fixture()
def model_dir(published_dir, tmp_path) -> Path:
    """A private copy of the published model directory, safe to damage."""
    target = tmp_path / "models"
    shutil.copytree(published_dir, target)
    return target


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def live_server(model_dir):
    """A real `stance serve` (gunicorn, 2 workers) on a free port of 127.0.0.1."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stance_cli",
            "serve",
            "--model-dir",
            str(model_dir),
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/v1/ready", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not become ready")
        yield base
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
        assert server.returncode == 0, output.decode(errors="replace")[-2000:]
