"""The OpenAPI document describes what the service really answers."""

import pytest
from jsonschema import Draft202012Validator

from service import create_app


@pytest.fixture()
def client(model_dir):
    return create_app({"MODEL_DIR": str(model_dir), "ADMIN_TOKEN": "t"}).test_client()


@pytest.fixture()
def spec(client):
    return client.get("/openapi.json").get_json()


def check(spec, path, method, response):
    operation = spec["paths"][path][method]
    assert str(response.status_code) in operation["responses"], response.status_code
    schema = operation["responses"][str(response.status_code)]["content"]["application/json"][
        "schema"
    ]
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    errors = [e.message for e in validator.iter_errors(response.get_json())]
    assert errors == []


def test_document_is_openapi_3_with_every_route(spec):
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/v1/health",
        "/v1/ready",
        "/v1/model",
        "/v1/classify",
        "/v1/analyze",
        "/v1/feedback",
        "/metrics",
    }
    Draft202012Validator.check_schema({"components": spec["components"]})


@pytest.mark.parametrize(
    "path, method, body",
    [
        ("/v1/health", "get", None),
        ("/v1/ready", "get", None),
        ("/v1/model", "get", None),
        ("/v1/classify", "post", {"instances": ["Pyongyang fired a missile.", "Rain fell."]}),
        ("/v1/classify", "post", {"instances": ["Seoul threatened Tokyo."], "explain": True}),
        ("/v1/classify", "post", {"instances": []}),
        ("/v1/classify", "post", {"instances": ["x"] * 1001}),
        ("/v1/analyze", "post", {"text": "Putin spoke. He warned Kyiv.", "explain": True}),
        ("/v1/analyze", "post", {"text": ""}),
        (
            "/v1/feedback",
            "post",
            {
                "text": "Seoul protested.",
                "actor": "KOR",
                "stance": "escalatory",
                "sentiment": "negative",
            },
        ),
    ],
)
def test_responses_match_the_document(client, spec, path, method, body):
    headers = {"Authorization": "Bearer t"}
    response = client.open(path, method=method.upper(), json=body, headers=headers)
    check(spec, path, method, response)


def test_docs_page_is_served_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert (
        "POST /v1/classify" in text
        and "<script" not in text
        and "http" not in text.lower().replace("/openapi.json", "")
    )
