"""Explanations made when they are read, not when a document is scored.

A scored corpus is read mostly for its numbers; its explanations (one per gold item and per
prediction, each a dozen fields) would outweigh everything else held. A part scorer can give
``PartScore.items`` as an :class:`Explained`: a sequence that calls the scorer's own
explanation function each time it is iterated, so nothing is built before it is asked for and
nothing is kept after. It behaves as the tuple it stands for: it iterates, indexes, has a
length, and compares equal to a tuple of the same explanations.

A scorer reading its corpus as a stream must not keep the documents alive through their
explanations: :func:`packed` rewrites an :class:`Explained` to read the summaries it explains
from a :class:`Packed` copy (pickled and compressed, a fraction of their size as objects),
unpacked afresh on each read — the same explanations, without the objects.
"""

from __future__ import annotations

import copy
import pickle
import zlib
from collections.abc import Sequence
from functools import partial
from typing import Any, Callable, Iterable, Iterator, overload

from .base import Explanation


class Explained(Sequence[Explanation]):
    """The explanations ``make()`` yields, made afresh on every read. ``make`` must be
    deterministic and picklable (a :func:`functools.partial` of a module-level function)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Iterable[Explanation]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[Explanation]:
        return iter(self.make())

    def __len__(self) -> int:
        return sum(1 for _ in self.make())

    @overload
    def __getitem__(self, index: int) -> Explanation: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Explanation, ...]: ...

    def __getitem__(self, index: int | slice) -> Explanation | tuple[Explanation, ...]:
        return tuple(self.make())[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, list, Explained)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


class Packed:
    """Values held pickled and compressed; :meth:`unpack` makes them afresh each time."""

    __slots__ = ("blob",)

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.blob = zlib.compress(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def unpack(self) -> tuple[Any, ...]:
        global _last
        last = _last  # read once: another thread may replace it
        if last is not None and last[0] is self:  # one document's parts read one after another
            return last[1]
        values: tuple[Any, ...] = pickle.loads(zlib.decompress(self.blob))
        _last = (self, values)
        return values


#: The box unpacked last and its values: a report reads a document's parts in a row, and each
#: would otherwise unpickle the same summaries again. Holds one document at most.
_last: tuple[Packed, tuple[Any, ...]] | None = None


def packed(items: Sequence[Explanation], values: tuple[Any, ...], box: Packed) -> Sequence[Explanation]:
    """``items``, reading any of ``values`` (which ``box`` holds packed) from ``box`` instead of
    holding them. Items that hold none of them (a tuple of explanations, an :class:`Explained`
    over other data) come back as they are."""
    if not isinstance(items, Explained):
        return items
    make = items.make
    if not isinstance(make, partial) or make.keywords:
        return items
    slots = tuple(next((i for i, v in enumerate(values) if a is v), -1) for a in make.args)
    if max(slots, default=-1) < 0:
        return items
    live = tuple(None if k >= 0 else a for k, a in zip(slots, make.args))
    out = copy.copy(items)
    out.make = partial(_unboxed, make.func, box, slots, live)
    return out


def _unboxed(
    func: Callable[..., Iterable[Explanation]], box: Packed, slots: tuple[int, ...], live: tuple[Any, ...]
) -> Iterable[Explanation]:
    """``func`` called with its arguments: ``values[slots[k]]`` from the box where
    ``slots[k] >= 0``, else ``live[k]``."""
    values = box.unpack()
    return func(*(values[k] if k >= 0 else a for k, a in zip(slots, live)))


__all__ = ["Explained", "Packed", "packed"]
