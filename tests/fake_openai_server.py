"""A real HTTP server on 127.0.0.1 that speaks OpenAI's chat-completions wire format.

It stands in for the remote LLM API, which tests cannot reach: requests arrive over a real
socket, are parsed as JSON and recorded; answers are scripted per test — a list of
:class:`Reply` values served in order, or a function of the request — and sent as
OpenAI sends them: ``chat.completion`` objects on success, ``{"error": {"message", "type",
"code"}}`` bodies on failure, with any headers (``Retry-After``) and an optional delay.

Usage::

    with FakeOpenAIServer([error(429, "slow down", headers={"Retry-After": "2"}), ok(content)]) as server:
        settings = EndpointSettings(base_url=server.base_url, ...)
        ...
        assert server.requests[0].json["temperature"] == 0
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Sequence, Union


@dataclass(frozen=True)
class Reply:
    """One scripted answer: ``content`` for a successful completion, or an error ``status``."""

    status: int = 200
    content: str | None = None
    error_message: str = ""
    error_type: str = "server_error"
    error_code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None


def ok(content: str, *, delay: float = 0.0) -> Reply:
    """A successful completion whose assistant message is ``content``."""
    return Reply(200, content=content, delay=delay)


def error(
    status: int,
    message: str,
    *,
    type: str = "server_error",
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """An OpenAI-style error answer."""
    return Reply(status, error_message=message, error_type=type, error_code=code, headers=headers or {})


@dataclass(frozen=True)
class Request:
    """What the server received: path, headers (lower-case names) and the parsed JSON body."""

    path: str
    headers: dict[str, str]
    json: Any


Script = Union[Sequence[Reply], Callable[[Any], Reply]]


class FakeOpenAIServer:
    """A threaded HTTP server on a free local port, serving a script of replies."""

    def __init__(self, script: Script) -> None:
        self._script = script
        self._replies = iter(script) if not callable(script) else None
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.requests: list[Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        server.daemon_threads = True
        server.block_on_close = False  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> "FakeOpenAIServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- serving -------------------------------------------------------------------------------

    def _next_reply(self, body: Any) -> Reply:
        with self._lock:
            if self._replies is None:
                return self._script(body)  # type: ignore[operator]
            try:
                return next(self._replies)
            except StopIteration:
                return error(500, "the test script has no reply left", type="test_error")

    def _completion(self, body: Any, content: str | None) -> dict[str, Any]:
        prompt_words = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
        completion_words = len((content or "").split())
        return {
            "id": f"chatcmpl-fake{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", ""),
            "system_fingerprint": "fp_fake",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_words,
                "completion_tokens": completion_words,
                "total_tokens": prompt_words + completion_words,
            },
        }

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # silence the test log
                pass

            def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None, raw: bytes | None = None) -> None:
                data = raw if raw is not None else json.dumps(payload).encode("utf-8")
                self._leave()  # the client may send its next request as soon as this one is answered
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def _leave(self) -> None:
                """Ends this request's in-flight span once: when its answer starts, not after the
                answer is written (by then the client may already have sent its next request)."""
                if getattr(self, "_counted", False):
                    self._counted = False
                    with owner._lock:
                        owner.in_flight -= 1

            def _error(self, status: int, message: str, type_: str, code: str | None = None) -> None:
                self._send(status, {"error": {"message": message, "type": type_, "param": None, "code": code}})

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw_body = self.rfile.read(length)
                try:
                    body = json.loads(raw_body)
                except ValueError:
                    body = None
                with owner._lock:
                    owner.requests.append(
                        Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                    owner.in_flight += 1
                    owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
                    self._counted = True
                try:
                    if self.path != "/v1/chat/completions":
                        self._error(404, f"Invalid URL (POST {self.path})", "invalid_request_error")
                        return
                    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
                        self._error(400, "you must provide a model parameter", "invalid_request_error")
                        return
                    msgs = body.get("messages")
                    if not isinstance(msgs, list) or not all(
                        isinstance(m, dict) and m.get("role") in ("system", "user", "assistant") and isinstance(m.get("content"), str)
                        for m in msgs
                    ):
                        self._error(400, "'messages' must be a list of role/content objects", "invalid_request_error")
                        return
                    reply = owner._next_reply(body)
                    if reply.delay:
                        time.sleep(reply.delay)
                    if reply.raw is not None:
                        self._send(reply.status, None, reply.headers, raw=reply.raw)
                    elif reply.status == 200:
                        self._send(200, owner._completion(body, reply.content), reply.headers)
                    else:
                        self._send(
                            reply.status,
                            {
                                "error": {
                                    "message": reply.error_message,
                                    "type": reply.error_type,
                                    "param": None,
                                    "code": reply.error_code,
                                }
                            },
                            reply.headers,
                        )
                finally:
                    self._leave()

        return Handler


__all__ = ["FakeOpenAIServer", "Reply", "Request", "error", "ok"]
