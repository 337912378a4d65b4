"""Item-level regression diff: which items newly fail or newly pass between two runs.

A metric that moved says *that* an extractor changed; the items say *where*. Both reports
store, per document, an explanation of every gold item and every prediction with its bucket
(matched, partial, wrong_type, missed, spurious). An item **passes** when it is matched, and
fails otherwise — a gold item that is only partly found, found with the wrong type or missed,
or a prediction with no gold partner (spurious). Between run A and run B an item

* **newly fails** when it passed in A and fails in B (a matched gold item now missed, a new
  spurious prediction), and
* **newly passes** when it failed in A and passes in B (a missed gold item now matched, a
  spurious prediction that is gone).

Gold items are the same item in both runs by their gold id (the two reports have one
signature, so one gold); a prediction without gold is identified by its predicted span, or by
its text and type when it has none — the identity the paired item-level test uses
(:mod:`evalkit.scoring.units`). Pure: reads the two extractors' explanations only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..scoring.base import Explanation
from ..scoring.result import PARTS
from .model import ExtractorReport

#: What an item that exists on one side only is, on the other side.
ABSENT = "absent"


@dataclass(frozen=True)
class ItemChange:
    """One item whose pass/fail state differs between A (``before``) and B (``after``).

    ``before``/``after`` are the item's explanations in A and B; ``None`` where the item does
    not exist on that side (a prediction only one run made).
    """

    document: str
    part: str
    before: Explanation | None
    after: Explanation | None

    @property
    def newly_failing(self) -> bool:
        return passes(self.before) and not passes(self.after)

    @property
    def bucket_before(self) -> str:
        return ABSENT if self.before is None else self.before.bucket

    @property
    def bucket_after(self) -> str:
        return ABSENT if self.after is None else self.after.bucket

    @property
    def gold_text(self) -> str | None:
        return next((x.gold_text for x in (self.after, self.before) if x is not None and x.gold_text is not None), None)

    @property
    def pred_text(self) -> str | None:
        """What B predicted for the item; A's prediction when B no longer makes it."""
        if self.after is not None:
            return self.after.pred_text
        return None if self.before is None else self.before.pred_text

    @property
    def reason(self) -> str:
        """Why the item now scores as it does (B's explanation), or that B dropped it."""
        if self.after is not None:
            return self.after.reason
        return "no longer predicted"

    def to_dict(self) -> dict[str, str | None]:
        return {
            "document": self.document,
            "part": self.part,
            "bucket_before": self.bucket_before,
            "bucket_after": self.bucket_after,
            "gold_text": self.gold_text,
            "pred_text": self.pred_text,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ItemDiff:
    """The item changes of extractor ``label_b`` (in B) against ``label_a`` (in A), in
    document, part and explanation order."""

    label_a: str
    label_b: str
    newly_failing: tuple[ItemChange, ...] = ()
    newly_passing: tuple[ItemChange, ...] = ()

    @property
    def who(self) -> str:
        return self.label_a if self.label_a == self.label_b else f"{self.label_a} → {self.label_b}"

    @property
    def changed(self) -> bool:
        return bool(self.newly_failing or self.newly_passing)

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.label_a,
            "b": self.label_b,
            "newly_failing": [c.to_dict() for c in self.newly_failing],
            "newly_passing": [c.to_dict() for c in self.newly_passing],
        }


def passes(x: Explanation | None) -> bool:
    """An item passes when matched; an absent prediction is no failure."""
    return x is None or x.bucket == "matched"


#: An item's identity, its part first: (part, "gold", gold id), (part, "pred", span) or
#: (part, "text", text, predicted type).
ItemKey = tuple[str, str, str] | tuple[str, str, tuple[int, ...]] | tuple[str, str, str, str]


def item_key(x: Explanation) -> ItemKey:
    """The identity of an item across two runs over the same gold (see the module docstring)."""
    if x.gold is not None:
        return (x.part, "gold", x.gold)
    if x.pred_span is not None:
        return (x.part, "pred", tuple(x.pred_span))
    return (x.part, "text", x.pred_text or "", x.type_pred or "")


def _part_order(part: str) -> int:
    return PARTS.index(part) if part in PARTS else len(PARTS)


def _keyed(items: Iterable[Explanation]) -> dict[ItemKey, Explanation]:
    out: dict[ItemKey, Explanation] = {}
    for x in items:
        out.setdefault(item_key(x), x)
    return out


def diff_items(a: ExtractorReport, b: ExtractorReport, doc_ids: Sequence[str]) -> ItemDiff:
    """The items of ``b`` that newly fail or newly pass against ``a`` over ``doc_ids``."""
    failing: list[ItemChange] = []
    passing: list[ItemChange] = []
    for doc_id in doc_ids:
        da, db = a.document(doc_id), b.document(doc_id)
        before = _keyed(() if da is None else da.explanations)
        after = _keyed(() if db is None else db.explanations)
        keys = list(before) + [k for k in after if k not in before]
        keys.sort(key=lambda k: _part_order(k[0]))  # stable: explanation order within a part
        for k in keys:
            x, y = before.get(k), after.get(k)
            if passes(x) == passes(y):
                continue
            change = ItemChange(doc_id, k[0], x, y)  # the key's part is the item's
            (failing if change.newly_failing else passing).append(change)
    return ItemDiff(a.label, b.label, tuple(failing), tuple(passing))


__all__ = ["ABSENT", "ItemChange", "ItemDiff", "diff_items", "item_key", "passes"]
