"""The OpenAI-compatible back-end's user prompt, token usage and cost, end to end.

A real local HTTP server speaks the chat-completions protocol (tests/fake_openai_server.py);
it counts a message's words as its tokens, which lets the tests derive every figure by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evalkit.cache import cache_key
from evalkit.cli import main
from evalkit.errors import InputError
from evalkit.extractors.openai_backend import create
from evalkit.extractors.prompt import SYSTEM_PROMPT, response_schema
from evalkit.model import Document
from fake_openai_server import FakeOpenAIServer, error, ok

ROOT = Path(__file__).resolve().parent.parent
KEY_ENV = "EVALKIT_TEST_LLM_KEY"
EMPTY_REPLY = json.dumps({"entities": [], "numbers": [], "attributions": [], "summary": "A short summary."})


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "sk-test")


def _words(body: dict[str, Any]) -> int:
    return sum(len(m["content"].split()) for m in body["messages"])


def test_a_prompt_file_is_a_template_and_its_hash_is_the_identity(tmp_path: Path) -> None:
    template = tmp_path / "prompt.txt"
    template.write_text('Answer as JSON following this schema: {schema}\nTypes: {entity_types}. Keep {"braces"}.', encoding="utf-8")
    doc = Document("d", "Kyiv is a city.")
    with FakeOpenAIServer([ok(EMPTY_REPLY)]) as server:
        base = {"base_url": server.base_url, "api_key_env": KEY_ENV}
        ex = create("m", {**base, "prompt": f"@{template}"})
        ex.extract(doc)
        default = create("m", base)
    system = server.requests[0].json["messages"][0]["content"]
    assert system.startswith("Answer as JSON following this schema: {")
    assert json.loads(system[len("Answer as JSON following this schema: ") : system.index("\nTypes:")]) == response_schema()
    assert "Types: PERSON, NORP," in system and 'Keep {"braces"}.' in system
    assert system != SYSTEM_PROMPT
    assert ex.info.version != default.info.version
    assert cache_key(ex.info, doc.sha256) != cache_key(default.info, doc.sha256)
    # the same text under another file name is the same prompt: same identity
    copy = tmp_path / "copy.txt"
    copy.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    assert create("m", {**base, "prompt": f"@{copy}"}).info == ex.info
    # one changed character is another prompt
    template.write_text(template.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert create("m", {**base, "prompt": f"@{template}"}).info.version != ex.info.version


@pytest.mark.parametrize(
    "options, message",
    [
        ({"prompt": "@/no/such/prompt.txt"}, "option prompt=@/no/such/prompt.txt: cannot read /no/such/prompt.txt"),
        ({"prompt": "   "}, "the prompt is empty"),
        ({"price_in": "0.15"}, "give both price_in and price_out"),
        ({"price_in": "0.15", "price_out": "-1"}, "price_out"),
    ],
)
def test_bad_prompt_and_price_options_are_one_located_error(options: dict[str, str], message: str) -> None:
    with pytest.raises(InputError) as err:
        create("m", {"base_url": "http://127.0.0.1:9/v1", **options})
    assert "openai:m" in str(err.value) and message in str(err.value)


def _run(tmp_path: Path, server: FakeOpenAIServer, out: str, *extra: str) -> int:
    return main(
        [
            "run", "-e", "openai:test-model",
            "-o", f"base_url={server.base_url}", "-o", f"api_key_env={KEY_ENV}",
            "-o", "price_in=2.5", "-o", "price_out=10",
            "--gold", str(ROOT / "tests" / "gold_ok"), "--cache-dir", str(tmp_path / "cache"),
            "--output", str(tmp_path / out), *extra,
        ]
    )


def test_tokens_and_cost_per_document_and_per_extractor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeOpenAIServer([ok(EMPTY_REPLY)]) as server:
        assert _run(tmp_path, server, "first") == 0
    table = capsys.readouterr().out
    (request,) = server.requests
    prompt_tokens, completion_tokens = _words(request.json), len(EMPTY_REPLY.split())
    cost = (prompt_tokens * 2.5 + completion_tokens * 10) / 1_000_000
    report = json.loads((tmp_path / "first" / "report.json").read_text(encoding="utf-8"))
    (extractor,) = report["extractors"]
    assert extractor["documents"][0]["usage"] == {"requests": 1, "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens}
    assert extractor["usage"] == {
        "requests": 1,
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "price_in": 2.5,
        "price_out": 10.0,
        "cost": round(cost, 6),
    }
    header = next(line for line in table.splitlines() if "extractor" in line)
    assert header.split()[-2:] == ["tokens", "cost"]
    row = next(line for line in table.splitlines() if line.strip().startswith("openai:test-model"))
    assert row.split()[-2:] == [f"{prompt_tokens + completion_tokens:,}", f"{cost:,.4f}"]
    markdown = (tmp_path / "first" / "report.md").read_text(encoding="utf-8")
    assert f"{prompt_tokens + completion_tokens:,} tokens ({prompt_tokens:,} prompt + {completion_tokens:,} completion) in 1 request" in markdown
    html = (tmp_path / "first" / "report.html").read_text(encoding="utf-8")
    assert f"cost {cost:,.4f} at 2.5/10 per million tokens" in html


def test_a_cached_rerun_reports_the_cost_of_the_run_that_paid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeOpenAIServer([ok(EMPTY_REPLY)]) as server:
        assert _run(tmp_path, server, "first") == 0
        assert _run(tmp_path, server, "again") == 0
    assert len(server.requests) == 1  # the second run was served from the cache
    first = (tmp_path / "first" / "report.json").read_bytes()
    assert (tmp_path / "again" / "report.json").read_bytes() == first
    assert json.loads(first)["extractors"][0]["usage"]["requests"] == 1


def test_the_structured_output_step_down_is_logged_under_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refuse = error(400, "response_format json_schema is not supported", type="invalid_request_error")
    with FakeOpenAIServer([refuse, ok(EMPTY_REPLY)]) as server:
        assert _run(tmp_path, server, "quiet", "--no-cache") == 0
    assert "json_object" not in capsys.readouterr().err
    with FakeOpenAIServer([refuse, ok(EMPTY_REPLY)]) as server:
        assert _run(tmp_path, server, "verbose", "--no-cache", "-v") == 0
    err = capsys.readouterr().err
    assert "refused response_format json_schema" in err and "using json_object from now on" in err
    # both requests were answered, so both count; the refused one cost no tokens
    usage = json.loads((tmp_path / "verbose" / "report.json").read_text(encoding="utf-8"))["extractors"][0]["usage"]
    assert usage["requests"] == 2
