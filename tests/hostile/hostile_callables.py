"""Python extractors that behave on every document but ``d2``, where each misbehaves its own way."""

import os
import signal
import time

from evalkit.model import Entity, Span, StructuredSummary

TARGET = "d2"


def _good(document):
    word = document.text.split(" ")[0]
    return StructuredSummary(entities=(Entity("e1", "ORG", word, (), (Span(0, len(word), word),)),))


def ok(document):
    return _good(document)


def raises(document):
    if document.id == TARGET:
        return {}["missing key"]
    return _good(document)


def hangs(document):
    if document.id == TARGET:
        time.sleep(600)
    return _good(document)


def crashes(document):
    if document.id == TARGET:
        os.kill(os.getpid(), signal.SIGKILL)
    return _good(document)


def wrong_type(document):
    if document.id == TARGET:
        return 42
    return _good(document)


def wrong_schema(document):
    if document.id == TARGET:
        return {"entities": [{"type": "PERSON"}], "numbers": "many"}
    return _good(document)


def outside(document):
    if document.id == TARGET:
        return StructuredSummary(entities=(Entity("e1", "GPE", "Kyiv", (), (Span(10_000, 10_004, "Kyiv"),)),))
    return _good(document)


def unpicklable(document):
    if document.id == TARGET:
        return StructuredSummary(entities=(Entity("e1", "GPE", "Kyiv", (), (Span(0, 4, "Kyiv"),)),), summaries=(lambda: 1,))
    return _good(document)
