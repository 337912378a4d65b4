"""A third-party extractor: echoes the first words of the article as its summary.

Registered under the ``evalkit.extractors`` entry-point group as ``echo-plugin``, exactly as the
built-ins are; evalkit finds it without being told.
"""

from __future__ import annotations

from typing import Mapping

from evalkit.errors import InputError
from evalkit.extractors.base import ExtractorInfo
from evalkit.model import Document, StructuredSummary

__version__ = "0.1.0"


class EchoExtractor:
    """Summarises a document by its first ``words`` words (a lead baseline)."""

    def __init__(self, words: int, prefix: str) -> None:
        self.words = words
        self.prefix = prefix
        self.info = ExtractorInfo("echo-plugin", None, __version__, {"words": str(words), "prefix": prefix})

    def extract(self, document: Document) -> StructuredSummary:
        return StructuredSummary(summaries=(self.prefix + " ".join(document.text.split()[: self.words]),))


def create(arg: str | None, options: Mapping[str, str]) -> EchoExtractor:
    """Echo the first words of the article as its summary."""
    if arg is not None:
        raise InputError(f"extractor 'echo-plugin' takes no argument (got {arg!r})")
    try:
        words = int(options.get("words", "5"))
    except ValueError:
        raise InputError(f"extractor 'echo-plugin': words must be an integer, not {options['words']!r}") from None
    return EchoExtractor(words, options.get("prefix", ""))


create.describe = "Echo the first words of the article as its summary (test plugin)."  # type: ignore[attr-defined]
create.options = {  # type: ignore[attr-defined]
    "words": "how many words to echo (default 5)",
    "prefix": "text put before the echoed words (default none)",
}
