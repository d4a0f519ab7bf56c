"""The REST API through Flask's test client, and once through a real `stance serve`."""

import json
import urllib.request

import pytest

from service import create_app


@pytest.fixture()
def app(model_dir):
    return create_app({"MODEL_DIR": str(model_dir), "TESTING": False})


@pytest.fixture()
def client(app):
    return app.test_client()


def assert_error(response, status, code):
    assert response.status_code == status
    assert response.is_json, response.data[:200]
    body = response.get_json()
    assert set(body) == {"error", "request_id"} and body["error"]["code"] == code
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]
    assert response.headers["X-Request-ID"] == body["request_id"]
    return body


def test_health_ready_and_model(client):
    assert client.get("/v1/health").status_code == 200
    ready = client.get("/v1/ready")
    assert ready.status_code == 200 and ready.get_json()["model"]["version"]
    model = client.get("/v1/model").get_json()
    assert {"version", "trained_at", "labels", "metrics", "actors", "environment"} <= set(model)
    assert model["labels"]["stance"] == ["escalatory", "de-escalatory", "reassuring", "neutral"]


def test_not_ready_without_a_model(tmp_path):
    client = create_app({"MODEL_DIR": str(tmp_path)}).test_client()
    assert client.get("/v1/health").status_code == 200
    assert_error(client.get("/v1/ready"), 503, "NOT_READY")
    assert_error(client.post("/v1/classify", json={"instances": ["a"]}), 503, "NOT_READY")


def test_classify_answers_in_order_with_the_contract_shape(client):
    texts = ["Pyongyang fired a missile.", "Seoul offered talks.", "Rain fell."]
    body = client.post("/v1/classify", json={"instances": texts}).get_json()
    assert body["model"]["version"]
    assert [p["text"] for p in body["predictions"]] == texts
    first = body["predictions"][0]
    assert set(first) == {"text", "actor", "stance", "sentiment"}
    assert first["actor"]["code"] == "PRK" and -1 <= first["sentiment"]["score"] <= 1


def test_classify_explains_on_request(client):
    body = client.post(
        "/v1/classify", json={"instances": ["Seoul threatened strikes."], "explain": True}
    ).get_json()
    assert body["predictions"][0]["explanation"]["stance"]


def test_analyze_gives_offsets_context_and_summary(client):
    text = "Vladimir Putin spoke in Moscow. He warned Kyiv."
    body = client.post("/v1/analyze", json={"text": text}).get_json()
    first, second = body["sentences"]
    assert text[second["start"] : second["end"]] == second["text"] and second["index"] == 1
    assert second["actor"]["code"] == "RUS"
    assert body["summary"]["statements"] == 2 and "tension" in body["summary"]


@pytest.mark.parametrize(
    "body, code",
    [
        (None, "VALIDATION"),
        ({}, "VALIDATION"),
        ({"instances": []}, "VALIDATION"),
        ({"instances": "Seoul protested."}, "VALIDATION"),
        ({"instances": [""]}, "VALIDATION"),
        ({"instances": ["ok", 5]}, "VALIDATION"),
        ({"instances": ["ok"] * 1001}, "TOO_MANY_INSTANCES"),
        ({"instances": ["x" * 5001]}, "TEXT_TOO_LONG"),
        ({"instances": ["ok"], "explain": "yes"}, "VALIDATION"),
        ([1, 2], "VALIDATION"),
    ],
)
def test_classify_rejects_bad_bodies(client, body, code):
    response = client.post("/v1/classify", data=json.dumps(body), content_type="application/json")
    message = assert_error(response, 400, code)["error"]["message"]
    assert "instances" in message or "explain" in message or "object" in message


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": 3}, {"text": "x" * 200_001}])
def test_analyze_rejects_bad_bodies(client, body):
    response = client.post("/v1/analyze", json=body)
    assert response.status_code == 400 and "'text'" in response.get_json()["error"]["message"]


def test_every_error_has_the_json_shape(client):
    assert_error(client.get("/nowhere"), 404, "NOT_FOUND")
    assert_error(client.get("/v1/classify"), 405, "METHOD_NOT_ALLOWED")
    assert_error(
        client.post("/v1/classify", data="instances", content_type="text/plain"),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
    )
    assert_error(
        client.post("/v1/classify", data="{not json", content_type="application/json"),
        400,
        "INVALID_JSON",
    )
    nested = "[" * 5000 + "]" * 5000
    assert_error(
        client.post("/v1/classify", data=nested, content_type="application/json"),
        400,
        "INVALID_JSON",
    )
    big = json.dumps({"instances": ["x" * 4000] * 600})
    assert_error(
        client.post("/v1/classify", data=big, content_type="application/json"),
        413,
        "PAYLOAD_TOO_LARGE",
    )


def test_unexpected_failure_is_a_json_500_without_details(app, client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret path /etc/stance")

    monkeypatch.setattr(app.extensions["stance"].analyzer, "classify", boom)
    body = assert_error(client.post("/v1/classify", json={"instances": ["a"]}), 500, "INTERNAL")
    assert "secret" not in json.dumps(body)


def test_request_id_is_echoed_or_made(client):
    response = client.get("/v1/health", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    made = client.get("/v1/health", headers={"X-Request-ID": "bad id!"}).headers["X-Request-ID"]
    assert made != "bad id!" and len(made) == 32


def test_real_server_over_a_socket(live_server):
    request = urllib.request.Request(
        f"{live_server}/v1/classify",
        data=json.dumps({"instances": ["Seoul protested."]}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as r:
        body = json.loads(r.read())
        assert r.headers["Server"].startswith("gunicorn")
    assert body["predictions"][0]["actor"]["code"] == "KOR"


# -- new versions are picked up without a restart --------------------------------------------


def test_a_newly_published_version_is_served_on_the_next_request(
    model_dir, tiny_analyzer, actor_file
):
    from training.publish import publish

    app = create_app({"MODEL_DIR": str(model_dir), "RELOAD_INTERVAL": 0.0})
    client = app.test_client()
    before = client.get("/v1/ready").get_json()["model"]["version"]
    after = publish(
        tiny_analyzer, model_dir, actor_file, metrics={}, data={}, params={}, training={}
    )
    body = client.post("/v1/classify", json={"instances": ["Seoul protested."]}).get_json()
    assert body["model"]["version"] == after != before
    assert app.extensions["stance"].reloads == 1


def test_a_damaged_new_version_is_refused_and_the_old_one_keeps_serving(model_dir):
    import shutil

    from model.artifact import CURRENT_FILE, current_version

    app = create_app({"MODEL_DIR": str(model_dir), "RELOAD_INTERVAL": 0.0})
    client = app.test_client()
    old = current_version(model_dir)
    bad = "29991231T000000000000Z"
    shutil.copytree(model_dir / "versions" / old, model_dir / "versions" / bad)
    manifest_path = model_dir / "versions" / bad / "manifest.json"
    manifest_path.write_text(manifest_path.read_text().replace(old, bad))
    (model_dir / "versions" / bad / "model.joblib").write_bytes(b"not a model")
    (model_dir / CURRENT_FILE).write_text(bad + "\n")
    body = client.post("/v1/classify", json={"instances": ["Seoul protested."]}).get_json()
    assert body["model"]["version"] == old
    assert client.get("/v1/ready").status_code == 200
    holder = app.extensions["stance"]
    assert holder.refused == 1 and "SHA-256" in holder.error
    client.get("/v1/health")
    assert holder.refused == 1  # not retried until CURRENT changes again


# -- corrections --------------------------------------------------------------------------------

GOOD_CORRECTION = {
    "text": "Seoul protested the launch.",
    "actor": "KOR",
    "stance": "escalatory",
    "sentiment": "negative",
    "mention": "Seoul",
}


@pytest.fixture()
def admin(model_dir):
    app = create_app({"MODEL_DIR": str(model_dir), "ADMIN_TOKEN": "s3cret"})
    return app.test_client()


@pytest.mark.parametrize(
    "headers, status, code",
    [
        ({}, 401, "UNAUTHORIZED"),
        ({"Authorization": "Bearer wrong"}, 401, "UNAUTHORIZED"),
        ({"Authorization": "Basic s3cret"}, 401, "UNAUTHORIZED"),
    ],
)
def test_feedback_needs_the_operator_token(admin, model_dir, headers, status, code):
    response = admin.post("/v1/feedback", json=GOOD_CORRECTION, headers=headers)
    assert_error(response, status, code)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert not (model_dir / "feedback.jsonl").exists()


def test_feedback_is_disabled_without_a_token(client):
    assert_error(client.post("/v1/feedback", json=GOOD_CORRECTION), 403, "DISABLED")


def test_feedback_with_the_token_is_stored_as_one_line(admin, model_dir):
    response = admin.post(
        "/v1/feedback", json=GOOD_CORRECTION, headers={"Authorization": "Bearer s3cret"}
    )
    assert response.status_code == 201
    (line,) = (model_dir / "feedback.jsonl").read_text().splitlines()
    assert json.loads(line)["actor"] == "KOR"


@pytest.mark.parametrize(
    "field, value", [("stance", "angry"), ("actor", "XXX"), ("text", ""), ("mention", "Tokyo")]
)
def test_feedback_is_validated(admin, field, value):
    body = {**GOOD_CORRECTION, field: value}
    response = admin.post("/v1/feedback", json=body, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 400 and field in response.get_json()["error"]["message"]


def test_concurrent_writers_never_interleave_lines(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    from service.feedback import append_record

    records = [
        {**GOOD_CORRECTION, "text": f"Seoul protested launch number {i}. " + "x" * 3000}
        for i in range(200)
    ]
    with ProcessPoolExecutor(4) as pool:
        list(pool.map(append_record, [tmp_path] * len(records), records))
    lines = (tmp_path / "feedback.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["text"] for line in lines) == sorted(r["text"] for r in records)


def test_training_learns_from_feedback(model_dir, tiny_corpus_file, actor_file, capsys):
    from service.feedback import append_record
    from stance_cli import main
    from tests.conftest import train_argv

    argv = train_argv(
        tiny_corpus_file,
        actor_file,
        model_dir,
        "--no-search",
        "--no-sentiment-data",
        "--include-feedback",
    )
    assert main(argv) == 2 and "no corrections recorded yet" in capsys.readouterr().err
    append_record(model_dir, {**GOOD_CORRECTION, "received_at": "2026-11-25T10:00:00+00:00"})
    assert main(argv) == 0
    assert "(51 training statements" in capsys.readouterr().out  # 50 corpus rows + 1 correction


# -- metrics --------------------------------------------------------------------------------


def test_metrics_count_requests_and_statements(client):
    client.post("/v1/classify", json={"instances": ["Pyongyang fired a missile."]})
    text = client.get("/metrics").get_data(as_text=True)
    assert 'stance_requests_total{route="/v1/classify",status="200"}' in text
    assert "stance_request_seconds_bucket" in text
    assert 'stance_statements_total{stance="escalatory"}' in text
    assert "stance_model_info{" in text


def test_metrics_add_up_across_worker_processes(live_server):
    import re

    for _ in range(40):
        request = urllib.request.Request(
            f"{live_server}/v1/classify",
            data=json.dumps({"instances": ["Seoul protested."]}).encode(),
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=5).read()
    with urllib.request.urlopen(f"{live_server}/metrics", timeout=5) as r:
        text = r.read().decode()
    (count,) = re.findall(r'stance_requests_total\{route="/v1/classify",status="200"\} (\S+)', text)
    assert float(count) == 40
    versions = re.findall(r'stance_model_info\{.*version="([^"]+)"\} 1', text)
    assert len(versions) == 2 and len(set(versions)) == 1  # both workers, one version


# -- hostile input (from the service review) -------------------------------------------------


@pytest.mark.parametrize(
    "path, body",
    [
        ("/v1/classify", '{"instances": ["Seoul \\ud800 protested."]}'),
        ("/v1/analyze", '{"text": "Seoul \\udfff protested."}'),
    ],
)
def test_lone_surrogates_are_a_clear_400(client, path, body):
    response = client.post(path, data=body, content_type="application/json")
    assert "Unicode" in assert_error(response, 400, "VALIDATION")["error"]["message"]


def test_too_many_statements_in_one_document(client):
    response = client.post("/v1/analyze", json={"text": "He left. " * 2001})
    assert_error(response, 400, "TOO_MANY_STATEMENTS")


def test_body_without_length_is_still_limited(live_server):
    import http.client
    from urllib.parse import urlsplit

    def chunks():
        yield b'{"instances": ["Seoul protested."]}'
        for _ in range(40):
            yield b" " * 65536  # 2.5 MB in all, sent with no Content-Length

    host = urlsplit(live_server)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    connection.request(
        "POST",
        "/v1/classify",
        body=chunks(),
        encode_chunked=True,
        headers={"Content-Type": "application/json"},
    )
    response = connection.getresponse()
    body = json.loads(response.read())
    assert response.status == 413 and body["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_wrong_method_says_which_are_allowed(client):
    response = client.get("/v1/classify")
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert "POST" in response.headers["Allow"]


def test_not_ready_does_not_leak_paths(tmp_path):
    client = create_app({"MODEL_DIR": str(tmp_path / "secret")}).test_client()
    message = assert_error(client.get("/v1/ready"), 503, "NOT_READY")["error"]["message"]
    assert "secret" not in message and str(tmp_path) not in message


def test_a_broken_version_folder_does_not_take_health_down(model_dir):
    from model.artifact import CURRENT_FILE

    app = create_app({"MODEL_DIR": str(model_dir), "RELOAD_INTERVAL": 0.0})
    client = app.test_client()
    (model_dir / "versions" / "X" / "manifest.json").mkdir(parents=True)
    (model_dir / CURRENT_FILE).write_text("X\n")
    assert client.get("/v1/health").status_code == 200
    assert client.post("/v1/classify", json={"instances": ["Seoul protested."]}).status_code == 200
    assert app.extensions["stance"].refused == 1


def test_a_failed_feedback_write_leaves_no_torn_line(tmp_path, monkeypatch):
    import os

    from service import feedback

    feedback.append_record(tmp_path, GOOD_CORRECTION)
    real_write = os.write
    monkeypatch.setattr(feedback.os, "write", lambda fd, data: real_write(fd, data[:10]))
    with pytest.raises(OSError):
        feedback.append_record(tmp_path, GOOD_CORRECTION)
    monkeypatch.setattr(feedback.os, "write", real_write)
    feedback.append_record(tmp_path, GOOD_CORRECTION)
    lines = (tmp_path / "feedback.jsonl").read_text().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["actor"] == "KOR" for line in lines)


def test_feedback_does_not_follow_a_symlink(tmp_path):
    from service.feedback import append_record

    outside = tmp_path / "outside.txt"
    outside.write_text("")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "feedback.jsonl").symlink_to(outside)
    with pytest.raises(OSError):
        append_record(tmp_path / "models", GOOD_CORRECTION)
    assert outside.read_text() == ""


def test_admin_token_from_the_environment_is_taken_literally(model_dir, monkeypatch):
    monkeypatch.setenv("STANCE_ADMIN_TOKEN", "true")
    client = create_app({"MODEL_DIR": str(model_dir)}).test_client()
    response = client.post(
        "/v1/feedback", json=GOOD_CORRECTION, headers={"Authorization": "Bearer true"}
    )
    assert response.status_code == 201
