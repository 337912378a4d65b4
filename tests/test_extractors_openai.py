"""The OpenAI-compatible back-end against a real local HTTP server speaking the chat-completions protocol."""

from __future__ import annotations

import json
import socket
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from typing import Any

import jsonschema
import pytest

from evalkit.errors import InputError, PredictionError
from evalkit.extractors.base import ExtractionFailed
from evalkit.extractors.openai_backend import (
    BACKOFF_BASE,
    EndpointSettings,
    OpenAIExtractor,
    create,
    parse_reply,
    retry_after_seconds,
    strip_fences,
)
from evalkit.extractors.prompt import SCHEMA_NAME, prompt_fingerprint, response_schema
from evalkit.grounding import ground
from evalkit.model import ENTITY_TYPES, Document
from fake_openai_server import FakeOpenAIServer, Reply, error, ok

KEY_ENV = "EVALKIT_TEST_LLM_KEY"
KEY = "sk-test-not-a-real-key-123"

DOC = Document(
    "storm-1",
    "Heavy rain killed at least 12 people in Arequipa on Monday. "
    "“We lost everything,” Maria Lopez said. Lopez lives in Arequipa.",
)

#: A reply in the requested shape, written by hand for DOC.
REPLY: dict[str, Any] = {
    "entities": [
        {"id": "e1", "type": "GPE", "name": "Arequipa", "aliases": [], "mentions": ["Arequipa", "Arequipa"]},
        {"id": "e2", "type": "PERSON", "name": "Maria Lopez", "aliases": ["Lopez"], "mentions": ["Maria Lopez", "Lopez"]},
    ],
    "numbers": [
        {"span": "at least 12", "value": 12, "value_max": None, "kind": "count", "unit": "person",
         "qualifier": "at least", "quantifies": "people killed by rain"},
        {"span": "Monday", "value": "XXXX-WXX-1", "value_max": None, "kind": "date", "unit": None,
         "qualifier": None, "quantifies": None},
    ],
    "attributions": [
        {"kind": "direct", "source": "Maria Lopez", "source_entities": ["e2"], "cue": "said",
         "content": "We lost everything,"},
    ],
    "summary": "Rain killed at least 12 people in Arequipa; a resident said she lost everything.",
}


class Sleeps(list):
    """Records the backoff delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def extractor(server: FakeOpenAIServer, sleeps: Sleeps | None = None, **overrides: Any) -> OpenAIExtractor:
    settings = EndpointSettings(
        model="test-model",
        base_url=server.base_url,
        api_key_env=KEY_ENV,
        timeout=overrides.pop("timeout", 5.0),
        max_retries=overrides.pop("max_retries", 3),
        **overrides,
    )
    return OpenAIExtractor(settings, sleep=sleeps if sleeps is not None else Sleeps())


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)


def test_success_sends_the_chat_completions_request_and_reads_the_reply() -> None:
    with FakeOpenAIServer([ok(json.dumps(REPLY))]) as server:
        summary = extractor(server).extract(DOC).summary
    (req,) = server.requests
    assert req.path == "/v1/chat/completions"
    assert req.headers["authorization"] == f"Bearer {KEY}"
    body = req.json
    assert body["model"] == "test-model"
    assert body["temperature"] == 0
    assert body["seed"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == SCHEMA_NAME
    assert body["response_format"]["json_schema"]["strict"] is True
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert DOC.text in body["messages"][1]["content"]

    assert [e.name for e in summary.entities] == ["Arequipa", "Maria Lopez"]
    assert summary.entities[1].aliases == ("Lopez",)
    assert [n.value for n in summary.numbers] == [12, "XXXX-WXX-1"]
    assert summary.numbers[0].qualifier == "at least"
    assert summary.attributions[0].source_entities == ("e2",)
    assert summary.summaries == (REPLY["summary"],)
    # Text-only spans, as the protocol promises; grounding gives them offsets.
    assert all(m.start is None for e in summary.entities for m in e.mentions)
    grounded, report = ground(summary, DOC)
    assert report.counts["unresolved"] == 0
    first, second = grounded.entities[0].mentions
    assert (first.start, second.start) == (DOC.text.index("Arequipa"), DOC.text.rindex("Arequipa"))


def test_seed_and_temperature_options_reach_the_server() -> None:
    with FakeOpenAIServer([ok(json.dumps(REPLY))]) as server:
        extractor(server, seed=1234, temperature=0.5).extract(DOC)
    assert server.requests[0].json["seed"] == 1234
    assert server.requests[0].json["temperature"] == 0.5


def test_429_is_retried_after_the_time_retry_after_asks_for() -> None:
    sleeps = Sleeps()
    script = [error(429, "Rate limit reached", type="requests", code="rate_limit_exceeded", headers={"Retry-After": "7"}),
              ok(json.dumps(REPLY))]
    with FakeOpenAIServer(script) as server:
        summary = extractor(server, sleeps).extract(DOC).summary
    assert len(server.requests) == 2
    assert sleeps == [7.0]
    assert summary.entities[0].name == "Arequipa"


def test_500_is_retried_with_jittered_exponential_backoff() -> None:
    sleeps = Sleeps()
    with FakeOpenAIServer([error(500, "boom"), error(503, "busy"), ok(json.dumps(REPLY))]) as server:
        extractor(server, sleeps).extract(DOC)
    assert len(server.requests) == 3
    # attempt k waits base*2^k plus jitter in [0, base*2^k)
    assert BACKOFF_BASE <= sleeps[0] < 2 * BACKOFF_BASE
    assert 2 * BACKOFF_BASE <= sleeps[1] < 4 * BACKOFF_BASE


def test_persistent_500_fails_after_max_retries() -> None:
    sleeps = Sleeps()
    with FakeOpenAIServer(lambda body: error(500, "The server had an error while processing your request.")) as server:
        with pytest.raises(ExtractionFailed) as info:
            extractor(server, sleeps, max_retries=2).extract(DOC)
    assert len(server.requests) == 3
    assert len(sleeps) == 2
    assert "HTTP 500" in info.value.message
    assert "The server had an error" in info.value.message
    assert "3 attempt(s)" in info.value.message


def test_malformed_json_content_is_rejected_as_output_error() -> None:
    with FakeOpenAIServer([ok('{"entities": [ {"name": "Arequipa"')]) as server:
        with pytest.raises(ExtractionFailed) as info:
            extractor(server).extract(DOC)
    assert info.value.kind == "output"
    assert "not JSON" in info.value.message
    assert "storm-1" in info.value.message


def test_content_in_json_fences_is_read() -> None:
    fenced = "```json\n" + json.dumps(REPLY, indent=2) + "\n```"
    with FakeOpenAIServer([ok(fenced)]) as server:
        summary = extractor(server).extract(DOC).summary
    assert [n.value for n in summary.numbers] == [12, "XXXX-WXX-1"]


def test_wrong_schema_is_rejected_with_json_paths() -> None:
    bad = {"entities": {"name": "Arequipa"}, "attributions": [{"kind": "quoted", "content": "x"}], "extra": 1}
    with FakeOpenAIServer([ok(json.dumps(bad))]) as server:
        with pytest.raises(PredictionError) as info:
            extractor(server).extract(DOC)
    text = str(info.value)
    assert "entities: must be a list" in text
    assert "attributions[0].kind" in text
    assert "extra: unknown field" in text


def test_400_to_json_schema_falls_back_to_json_object_and_remembers() -> None:
    def server_without_structured_outputs(body: Any) -> Reply:
        if body.get("response_format", {}).get("type") == "json_schema":
            return error(400, "response_format json_schema is not supported by this model",
                         type="invalid_request_error", code="unsupported_parameter")
        return ok(json.dumps(REPLY))

    with FakeOpenAIServer(server_without_structured_outputs) as server:
        ex = extractor(server)
        ex.extract(DOC)
        ex.extract(DOC)
    formats = [r.json.get("response_format", {}).get("type") for r in server.requests]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert ex.structured_mode == "json_object"


def test_a_server_rejecting_every_response_format_gets_a_plain_prompt() -> None:
    def plain_only(body: Any) -> Reply:
        if "response_format" in body:
            return error(400, "Unrecognized request argument supplied: response_format", type="invalid_request_error")
        return ok(json.dumps(REPLY))

    with FakeOpenAIServer(plain_only) as server:
        extractor(server).extract(DOC)
    assert ["response_format" in r.json for r in server.requests] == [True, True, False]


def test_explicit_json_schema_mode_does_not_fall_back() -> None:
    with FakeOpenAIServer(lambda body: error(400, "json_schema not supported", type="invalid_request_error")) as server:
        with pytest.raises(ExtractionFailed) as info:
            extractor(server, structured="json_schema").extract(DOC)
    assert len(server.requests) == 1
    assert "HTTP 400" in info.value.message
    assert "json_schema not supported" in info.value.message


def test_slow_response_beyond_the_timeout_fails_as_timeout() -> None:
    with FakeOpenAIServer([Reply(200, content=json.dumps(REPLY), delay=1.5)]) as server:
        with pytest.raises(ExtractionFailed) as info:
            extractor(server, timeout=0.2, max_retries=0).extract(DOC)
    assert info.value.kind == "timeout"
    assert "0.2 s" in info.value.message


def test_a_timeout_is_retried() -> None:
    sleeps = Sleeps()
    with FakeOpenAIServer([Reply(200, content=json.dumps(REPLY), delay=1.5), ok(json.dumps(REPLY))]) as server:
        summary = extractor(server, sleeps, timeout=0.2, max_retries=1).extract(DOC).summary
    assert len(sleeps) == 1
    assert summary.entities[1].name == "Maria Lopez"


def test_unreachable_server_fails_after_retries() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sleeps = Sleeps()
    settings = EndpointSettings(model="m", base_url=f"http://127.0.0.1:{port}/v1", api_key_env=KEY_ENV, max_retries=1, timeout=2)
    with pytest.raises(ExtractionFailed) as info:
        OpenAIExtractor(settings, sleep=sleeps).extract(DOC)
    assert "cannot reach" in info.value.message
    assert len(sleeps) == 1


def test_401_names_the_key_variable() -> None:
    with FakeOpenAIServer([error(401, "Incorrect API key provided", type="invalid_request_error", code="invalid_api_key")]) as server:
        with pytest.raises(ExtractionFailed) as info:
            extractor(server).extract(DOC)
    assert KEY_ENV in info.value.message
    assert KEY not in info.value.message


def test_concurrency_bounds_requests_in_flight() -> None:
    docs = [Document(f"d{i}", DOC.text) for i in range(6)]
    with FakeOpenAIServer(lambda body: ok(json.dumps(REPLY), delay=0.1)) as server:
        ex = extractor(server, concurrency=2)
        results = ex.extract_many(docs)
    assert len(server.requests) == 6
    assert all(not isinstance(r, Exception) for r in results)
    assert 1 <= server.max_in_flight <= 2
    assert ex.usage["requests"] == 6


def test_create_reads_options_and_keeps_the_key_out_of_the_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAIServer([ok(json.dumps(REPLY))]) as server:
        ex = create("llama3", {"base_url": server.base_url, "api_key_env": KEY_ENV, "seed": "7", "timeout": "5"})
        ex.extract(DOC)
    assert server.requests[0].json["model"] == "llama3"
    assert server.requests[0].json["seed"] == 7
    assert ex.info.label == "openai:llama3"
    assert prompt_fingerprint() in ex.info.version
    assert ex.info.options["seed"] == 7
    assert KEY not in repr(ex.info)
    assert ex.mode == "thread"
    assert ex.concurrency == 4


def test_create_rejects_bad_options(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="structured"):
        create("m", {"base_url": "http://localhost:1/v1", "structured": "xml"})
    with pytest.raises(InputError, match="base_url"):
        create("m", {"base_url": "localhost:8000"})
    with pytest.raises(InputError, match="concurrency"):
        create("m", {"base_url": "http://localhost:1/v1", "concurrency": "0"})
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(InputError, match="OPENAI_API_KEY"):
        create("gpt-4o-mini", {})


def test_base_url_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert create("m", {}).settings.base_url == "http://127.0.0.1:9/v1"


def test_factory_describes_itself() -> None:
    assert isinstance(create.describe, str) and create.describe
    assert {"base_url", "api_key_env", "timeout", "max_retries", "concurrency", "temperature", "seed", "structured"} <= set(create.options)


def test_strip_fences() -> None:
    assert strip_fences('```json\n{"a": 1}\n```') == '{"a": 1}'
    assert strip_fences('```\n{"a": 1}\n```\n') == '{"a": 1}'
    assert strip_fences('  {"a": 1} ') == '{"a": 1}'


def test_parse_reply_rejects_empty_content() -> None:
    with pytest.raises(ExtractionFailed, match="empty"):
        parse_reply("  ", "here")
    with pytest.raises(ExtractionFailed, match="empty"):
        parse_reply(None, "here")


def test_retry_after_forms() -> None:
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    assert retry_after_seconds({"retry-after-ms": "250"}) == 0.25
    assert retry_after_seconds({}) is None
    now = datetime(2030, 1, 1, tzinfo=timezone.utc)
    date = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds({"retry-after": date}, now=now.timestamp()) == pytest.approx(30.0)


def test_reply_example_fits_the_response_schema() -> None:
    schema = response_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(REPLY, schema)
    assert schema["properties"]["entities"]["items"]["properties"]["type"]["enum"] == list(ENTITY_TYPES)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**REPLY, "extra": 1}, schema)
