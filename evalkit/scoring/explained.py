"""Explanations made when they are read, not when a document is scored.

A scored corpus is read mostly for its numbers; its explanations (one per gold item and per
prediction, each a dozen fields) would outweigh everything else held. A part scorer can give
``PartScore.items`` as an :class:`Explained`: a sequence that calls the scorer's own
explanation function each time it is iterated, so nothing is built before it is asked for and
nothing is kept after. It behaves as the tuple it stands for: it iterates, indexes, has a
length, and compares equal to a tuple of the same explanations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Callable, Iterable, Iterator, overload

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


__all__ = ["Explained"]
