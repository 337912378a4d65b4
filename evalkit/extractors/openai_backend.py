"""``openai:<model>``: any OpenAI-compatible chat-completions endpoint as an extractor.

Works with OpenAI itself and with servers that speak the same protocol (vLLM, llama.cpp's
server, Ollama, LM Studio…): one ``POST {base_url}/chat/completions`` per document, over
httpx, without an SDK. The request asks for evalkit's wire format (see
:mod:`evalkit.extractors.prompt`) with deterministic sampling (``temperature`` 0 and a
``seed``), and the reply is read with :func:`evalkit.serialize.summary_from_dict`. Spans come
back as text only; the runner grounds them in the document.

Structured output (``structured`` option): ``json_schema`` sends the schema for strict
structured output, ``json_object`` asks for JSON mode, ``none`` relies on the instructions.
``auto`` (default) starts with ``json_schema`` and steps down to ``json_object`` and then
``none`` when the server answers 400 to a ``response_format`` it does not support; the step
is remembered for the rest of the run and logged (``evalkit run -v`` shows it).

Prompt: the instructions are a user setting (``prompt=@FILE``, a template in which
``{schema}`` and the other placeholders of :data:`evalkit.extractors.prompt.PLACEHOLDERS` are
filled in); their hash is part of the extractor's version, hence of the cache key and of the
report's extractor identity.

Cost: every document's output comes back as an :class:`~evalkit.extractors.base.Extraction`
with the requests and tokens that the server reported for it (``usage``), which the runner
keeps per document and the reports sum; with ``price_in``/``price_out`` (per million prompt and
completion tokens) the reports show the cost too. Prices are not part of the identity: a new
price list does not invalidate cached outputs.

Failures: 429 and 5xx answers, connection failures and timeouts are retried up to
``max_retries`` times with exponential backoff and jitter, honouring ``Retry-After``. What
still fails raises :class:`~evalkit.extractors.base.ExtractionFailed` for that document
(kind ``timeout`` or ``exception``); a reply that is not JSON raises it with kind ``output``,
and JSON that does not fit the schema raises :class:`~evalkit.errors.PredictionError`.

The API key is read from the environment variable named by ``api_key_env`` and sent as a
bearer token; it is never part of the extractor's identity, reports or cache keys.
"""

from __future__ import annotations

import email.utils
import json
import logging
import os
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence
from urllib.parse import urlparse

from ..errors import InputError
from ..model import Document, StructuredSummary, Usage
from ..serialize import summary_from_dict
from .base import Extraction, ExtractionFailed, ExtractorInfo, Pricing, declare
from .option_values import choice_option, float_option, int_option, string_option
from .prompt import SYSTEM_PROMPT, load_prompt, messages, prompt_fingerprint, response_format

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # pragma: no cover
    import httpx

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
STRUCTURED_MODES: tuple[str, ...] = ("auto", "json_schema", "json_object", "none")
#: The order ``auto`` tries structured-output modes in.
FALLBACK_ORDER: tuple[str, ...] = ("json_schema", "json_object", "none")

#: First backoff delay in seconds; doubled per retry, capped at :data:`MAX_BACKOFF`.
BACKOFF_BASE = 0.5
MAX_BACKOFF = 30.0
#: Longest wait a ``Retry-After`` header is obeyed for.
MAX_RETRY_AFTER = 120.0

_FENCE = re.compile(r"^\s*```[\w-]*[ \t]*\n?(.*?)\n?```\s*$", re.DOTALL)


@dataclass(frozen=True)
class EndpointSettings:
    """Everything that configures the endpoint and the request, except the key itself."""

    model: str = DEFAULT_MODEL
    base_url: str = DEFAULT_BASE_URL
    api_key_env: str = "OPENAI_API_KEY"
    timeout: float = 120.0
    max_retries: int = 4
    concurrency: int = 4
    temperature: float = 0.0
    seed: int = 0
    structured: str = "auto"
    max_tokens: int | None = None
    system_prompt: str = SYSTEM_PROMPT
    pricing: Pricing | None = None

    @property
    def url(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


def strip_fences(text: str) -> str:
    """The reply without a surrounding Markdown code fence (```json … ```), trimmed."""
    m = _FENCE.match(text)
    return (m.group(1) if m else text).strip()


def parse_reply(content: str | None, where: str) -> StructuredSummary:
    """Read a model's reply: JSON (fences stripped) in evalkit's wire format.

    Raises :class:`ExtractionFailed` (kind ``output``) when the reply is empty or not JSON,
    and :class:`~evalkit.errors.PredictionError` (every problem with its JSON path) when it
    is JSON of the wrong shape.
    """
    if content is None or not content.strip():
        raise ExtractionFailed(f"{where}: the model's reply is empty", kind="output")
    text = strip_fences(content)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExtractionFailed(
            f"{where}: the model's reply is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); "
            f"it begins {text[:80]!r}",
            kind="output",
        ) from None
    return summary_from_dict(data, where=where)


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` (delta seconds or HTTP date) or ``retry-after-ms`` header asks for."""
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _error_message(response: "httpx.Response") -> str:
    """The OpenAI-style ``error.message`` of a response, else the start of its body."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip() or response.reason_phrase
    if isinstance(body, Mapping):
        err = body.get("error")
        if isinstance(err, Mapping) and err.get("message"):
            return str(err["message"])
        if isinstance(err, str):
            return err
    return json.dumps(body)[:200]


class OpenAIExtractor:
    """Extract structured summaries with a chat-completions model.

    Thread-safe: the runner calls :meth:`extract` from up to :attr:`concurrency` threads, and a
    semaphore bounds the requests in flight whoever calls it. ``sleep`` and ``rng`` are
    injectable so tests can observe the backoff without waiting.
    """

    mode = "thread"

    def __init__(
        self,
        settings: EndpointSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.concurrency = settings.concurrency
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._slots = threading.BoundedSemaphore(settings.concurrency)
        self._lock = threading.Lock()
        self._client: "httpx.Client | None" = None
        self._modes = list(FALLBACK_ORDER) if settings.structured == "auto" else [settings.structured]
        self.usage: dict[str, int] = {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0}
        self.pricing = settings.pricing
        options: dict[str, Any] = {
            "base_url": settings.base_url,
            "temperature": settings.temperature,
            "seed": settings.seed,
            "structured": settings.structured,
        }
        if settings.max_tokens is not None:
            options["max_tokens"] = settings.max_tokens
        self.info = ExtractorInfo(
            name="openai", arg=settings.model, version=f"prompt {prompt_fingerprint(settings.system_prompt)}", options=options
        )

    # -- HTTP --------------------------------------------------------------------------------

    def _http(self) -> "httpx.Client":
        with self._lock:
            if self._client is None:
                import httpx

                self._client = httpx.Client(
                    timeout=httpx.Timeout(self.settings.timeout),
                    limits=httpx.Limits(max_connections=self.settings.concurrency),
                )
            return self._client

    def close(self) -> None:
        """Close the connection pool (the extractor reopens it if used again)."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.settings.api_key_env, "").strip()
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, MAX_RETRY_AFTER)
        delay: float = min(MAX_BACKOFF, BACKOFF_BASE * 2**attempt)  # int ** int is typed Any (a negative power is a float)
        return delay + self._rng.uniform(0, delay)

    def _post(self, payload: dict[str, Any], where: str, tally: list[int]) -> "httpx.Response":
        """POST with retries on 429, 5xx, connection failures and timeouts; ``tally[0]`` counts
        the requests the server answered (what a provider bills)."""
        import httpx

        client = self._http()
        attempts = self.settings.max_retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = client.post(self.settings.url, json=payload, headers=self._headers())
            except httpx.TimeoutException as exc:
                if last:
                    raise ExtractionFailed(
                        f"{where}: no answer within {self.settings.timeout:g} s "
                        f"({type(exc).__name__}, {attempts} attempt(s))",
                        kind="timeout",
                    ) from None
                self._sleep(self._backoff(attempt, None))
                continue
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                if last:
                    raise ExtractionFailed(
                        f"{where}: cannot reach {self.settings.url}: {type(exc).__name__}: {exc} "
                        f"({attempts} attempt(s))"
                    ) from None
                self._sleep(self._backoff(attempt, None))
                continue
            tally[0] += 1
            with self._lock:
                self.usage["requests"] += 1
            if response.status_code == 429 or response.status_code >= 500:
                if last:
                    raise ExtractionFailed(
                        f"{where}: HTTP {response.status_code} from {self.settings.url}: "
                        f"{_error_message(response)} ({attempts} attempt(s))"
                    )
                self._sleep(self._backoff(attempt, retry_after_seconds(response.headers)))
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    # -- Extraction --------------------------------------------------------------------------

    def _payload(self, document: Document, mode: str) -> dict[str, Any]:
        s = self.settings
        payload: dict[str, Any] = {
            "model": s.model,
            "messages": messages(document, s.system_prompt),
            "temperature": s.temperature,
            "seed": s.seed,
        }
        fmt = response_format(mode)
        if fmt is not None:
            payload["response_format"] = fmt
        if s.max_tokens is not None:
            payload["max_tokens"] = s.max_tokens
        return payload

    def complete(self, document: Document) -> tuple[str | None, Usage]:
        """The model's reply text for ``document`` (after retries and format fallback), and the
        requests and tokens it cost."""
        where = f"openai:{self.settings.model} document {document.id!r}"
        tally = [0]
        tokens = [0, 0]
        while True:
            with self._lock:
                mode = self._modes[0]
            response = self._post(self._payload(document, mode), where, tally)
            if response.status_code == 400 and mode != "none":
                with self._lock:
                    if len(self._modes) > 1 and self._modes[0] == mode:
                        self._modes.pop(0)
                        log.info(
                            "%s: the server refused response_format %s (HTTP 400: %s); using %s from now on",
                            f"openai:{self.settings.model}",
                            mode,
                            _error_message(response),
                            self._modes[0],
                        )
                        continue
                    if self._modes[0] != mode:
                        continue  # another thread stepped down already
            if response.status_code >= 400:
                hint = ""
                if response.status_code == 401:
                    hint = f" (is ${self.settings.api_key_env} set to a valid key?)"
                raise ExtractionFailed(
                    f"{where}: HTTP {response.status_code} from {self.settings.url}: {_error_message(response)}{hint}"
                )
            try:
                body = response.json()
                choice = body["choices"][0]
                message = choice["message"]
            except (ValueError, KeyError, IndexError, TypeError):
                raise ExtractionFailed(
                    f"{where}: the server's answer is not a chat completion: {response.text[:120]!r}", kind="output"
                ) from None
            usage = body.get("usage") if isinstance(body, Mapping) else None
            if isinstance(usage, Mapping):
                with self._lock:
                    for i, k in enumerate(("prompt_tokens", "completion_tokens")):
                        n = usage.get(k)
                        if isinstance(n, int) and not isinstance(n, bool) and n >= 0:
                            self.usage[k] += n
                            tokens[i] += n
            if isinstance(message, Mapping) and message.get("refusal"):
                raise ExtractionFailed(f"{where}: the model refused: {message['refusal']}", kind="output")
            content = message.get("content") if isinstance(message, Mapping) else None
            text = content if isinstance(content, str) or content is None else json.dumps(content)
            return text, Usage(requests=tally[0], prompt_tokens=tokens[0], completion_tokens=tokens[1])

    @property
    def structured_mode(self) -> str:
        """The structured-output mode requests currently use (``auto`` may have stepped down)."""
        with self._lock:
            return self._modes[0]

    def extract(self, document: Document) -> Extraction:
        with self._slots:
            content, usage = self.complete(document)
        return Extraction(parse_reply(content, f"openai:{self.settings.model} document {document.id!r}"), usage)

    def extract_many(self, documents: Sequence[Document]) -> list[Extraction | Exception]:
        """Extract several documents with up to :attr:`concurrency` requests in flight.

        Each result is the summary or the exception that document raised, in input order.
        """

        def one(doc: Document) -> Extraction | Exception:
            try:
                return self.extract(doc)
            except Exception as exc:  # returned, not raised: one document never sinks the others
                return exc

        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(one, documents))


def settings_from_options(arg: str | None, options: Mapping[str, str]) -> EndpointSettings:
    """Read and check the factory's options (see the options declared for :func:`create`)."""
    model = (arg or DEFAULT_MODEL).strip()
    where = f"openai:{model}"
    base_url = string_option(where, options, "base_url", os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
    parsed = urlparse(base_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"extractor {where!r}: option base_url={base_url!r}: expected an http(s) URL such as {DEFAULT_BASE_URL}")
    max_tokens = options.get("max_tokens")
    prompt = options.get("prompt")
    prices = [options.get("price_in"), options.get("price_out")]
    if (prices[0] is None) != (prices[1] is None):
        raise InputError(f"extractor {where!r}: give both price_in and price_out (per million prompt and completion tokens), or neither")
    pricing = None
    if prices[0] is not None:
        pricing = Pricing(
            float_option(where, options, "price_in", 0.0, minimum=0.0),
            float_option(where, options, "price_out", 0.0, minimum=0.0),
        )
    return EndpointSettings(
        model=model,
        base_url=base_url,
        api_key_env=string_option(where, options, "api_key_env", "OPENAI_API_KEY"),
        timeout=float_option(where, options, "timeout", 120.0, minimum=0.001),
        max_retries=int_option(where, options, "max_retries", 4, minimum=0),
        concurrency=int_option(where, options, "concurrency", 4, minimum=1),
        temperature=float_option(where, options, "temperature", 0.0, minimum=0.0),
        seed=int_option(where, options, "seed", 0),
        structured=choice_option(where, options, "structured", "auto", STRUCTURED_MODES),
        max_tokens=None if max_tokens is None else int_option(where, options, "max_tokens", 0, minimum=1),
        system_prompt=SYSTEM_PROMPT if prompt is None else load_prompt(prompt, f"extractor {where!r}"),
        pricing=pricing,
    )


def create(arg: str | None, options: Mapping[str, str]) -> OpenAIExtractor:
    """OpenAI-compatible chat-completions model (openai:<model>): OpenAI, vLLM, llama.cpp, Ollama."""
    settings = settings_from_options(arg, options)
    if urlparse(settings.base_url).hostname == "api.openai.com" and not os.environ.get(settings.api_key_env):
        raise InputError(
            f"extractor 'openai:{settings.model}': set ${settings.api_key_env} to an OpenAI API key "
            "(or point base_url at another OpenAI-compatible server)"
        )
    return OpenAIExtractor(settings)


declare(
    create,
    describe="OpenAI-compatible chat-completions model (openai:<model>, default gpt-4o-mini): OpenAI, vLLM, llama.cpp, Ollama",
    options={
        "base_url": f"API base URL (default $OPENAI_BASE_URL or {DEFAULT_BASE_URL})",
        "api_key_env": "environment variable holding the API key (default OPENAI_API_KEY)",
        "timeout": "seconds to wait for one answer (default 120)",
        "max_retries": "retries on 429, 5xx, connection errors and timeouts (default 4)",
        "concurrency": "requests in flight at once (default 4)",
        "temperature": "sampling temperature (default 0)",
        "seed": "sampling seed sent with every request (default 0)",
        "structured": "structured output: auto, json_schema, json_object or none (default auto)",
        "max_tokens": "maximum tokens in the answer (default: the server's)",
        "prompt": "the instructions: @FILE (a template; {schema} and other placeholders filled in) or the text itself",
        "price_in": "price per million prompt tokens, for the cost in reports (with price_out)",
        "price_out": "price per million completion tokens, for the cost in reports (with price_in)",
    },
)

__all__ = [
    "DEFAULT_BASE_URL",
    "EndpointSettings",
    "OpenAIExtractor",
    "STRUCTURED_MODES",
    "create",
    "parse_reply",
    "retry_after_seconds",
    "settings_from_options",
    "strip_fences",
]
