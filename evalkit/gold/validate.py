"""Validation summary for ``evalkit validate`` and ``evalkit gold stats``."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..errors import RunError
from ..model import GoldDocument
from . import load_gold


@dataclass(frozen=True)
class GoldStats:
    """Counts over a set of gold documents, per part and per type."""

    documents: int
    entities: int
    mentions: int
    numbers: int
    attributions: int
    summaries: int
    entity_types: dict[str, int]
    mention_types: dict[str, int]
    number_kinds: dict[str, int]
    attribution_kinds: dict[str, int]
    #: One row per document, in load order: (document id, entities, mentions, numbers,
    #: attributions, summaries).
    per_document: tuple[tuple[str, int, int, int, int, int], ...] = ()

    @classmethod
    def of(cls, docs: Sequence[GoldDocument]) -> "GoldStats":
        et: Counter[str] = Counter()
        mt: Counter[str] = Counter()
        nk: Counter[str] = Counter()
        ak: Counter[str] = Counter()
        for d in docs:
            for e in d.gold.entities:
                et[e.type] += 1
                mt[e.type] += len(e.mentions)
            nk.update(n.kind for n in d.gold.numbers)
            ak.update(a.kind for a in d.gold.attributions)
        return cls(
            documents=len(docs),
            entities=sum(et.values()),
            mentions=sum(mt.values()),
            numbers=sum(nk.values()),
            attributions=sum(ak.values()),
            summaries=sum(len(d.gold.summaries) for d in docs),
            entity_types=dict(sorted(et.items())),
            mention_types=dict(sorted(mt.items())),
            number_kinds=dict(sorted(nk.items())),
            attribution_kinds=dict(sorted(ak.items())),
            per_document=tuple(
                (
                    d.document.id,
                    len(d.gold.entities),
                    sum(len(e.mentions) for e in d.gold.entities),
                    len(d.gold.numbers),
                    len(d.gold.attributions),
                    len(d.gold.summaries),
                )
                for d in docs
            ),
        )

    def summary_line(self) -> str:
        return (
            f"ok: {self.documents} document{'s' if self.documents != 1 else ''}, "
            f"{self.entities} entities, {self.mentions} mentions, {self.numbers} numbers, "
            f"{self.attributions} attributions, {self.summaries} summaries"
        )

    def table(self) -> str:
        """A plain-text table of counts per part and per type (Markdown-compatible)."""
        rows = [("part", "type", "count")]
        for part, total, per in (
            ("entities", self.entities, self.entity_types),
            ("mentions", self.mentions, self.mention_types),
            ("numbers", self.numbers, self.number_kinds),
            ("attributions", self.attributions, self.attribution_kinds),
        ):
            rows.append((part, "all", str(total)))
            rows.extend((part, t, str(n)) for t, n in per.items())
        rows.append(("summaries", "all", str(self.summaries)))
        return _markdown_table(rows, numeric_from=2)

    def document_table(self) -> str:
        """Counts per document, one row each, and a total row (Markdown-compatible)."""
        rows: list[tuple[str, ...]] = [("document", "entities", "mentions", "numbers", "attributions", "summaries")]
        rows.extend((doc, *(str(n) for n in counts)) for doc, *counts in self.per_document)
        rows.append(
            (
                f"all ({self.documents})",
                str(self.entities),
                str(self.mentions),
                str(self.numbers),
                str(self.attributions),
                str(self.summaries),
            )
        )
        return _markdown_table(rows, numeric_from=1)


def _markdown_table(rows: Sequence[Sequence[str]], *, numeric_from: int) -> str:
    """Rows as an aligned Markdown table; columns from ``numeric_from`` on are right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]

    def cell(i: int, c: str) -> str:
        return c.rjust(widths[i]) if i >= numeric_from else c.ljust(widths[i])

    lines = ["| " + " | ".join(cell(i, c) for i, c in enumerate(r)) + " |" for r in rows]
    rule = ["-" * (w - 1) + ":" if i >= numeric_from else "-" * w for i, w in enumerate(widths)]
    lines.insert(1, "| " + " | ".join(rule) + " |")
    return "\n".join(lines)


def validate_paths(paths: Iterable[str | os.PathLike[str]]) -> GoldStats:
    """Validate gold files; raises GoldError (exit 2) on problems, RunError (exit 3) on none."""
    docs = load_gold(list(paths))
    if not docs:
        raise RunError("no gold documents to validate")
    return GoldStats.of(docs)
