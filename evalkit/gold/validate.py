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
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
        lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
        return "\n".join(lines)


def validate_paths(paths: Iterable[str | os.PathLike[str]]) -> GoldStats:
    """Validate gold files; raises GoldError (exit 2) on problems, RunError (exit 3) on none."""
    docs = load_gold(list(paths))
    if not docs:
        raise RunError("no gold documents to validate")
    return GoldStats.of(docs)
