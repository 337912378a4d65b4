"""Reading gold YAML safely, keeping the line of every node.

Gold is written by hand, so every way a file can be wrong is expected: missing, empty,
binary, not UTF-8, too large, not YAML, duplicate keys. Each becomes one located
:class:`~evalkit.errors.Problem` instead of a traceback. Parsing uses ruamel.yaml's
round-trip loader because it records line numbers and lets ``gold resolve`` write the file
back with its comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import GoldError, Problem

#: Gold files larger than this are refused before parsing (a hand-written file never is).
MAX_GOLD_BYTES = 10 * 1024 * 1024
#: Article texts larger than this are refused.
MAX_TEXT_BYTES = 50 * 1024 * 1024


def line_of(node: Any, key: Any = None) -> int | None:
    """1-based YAML line of ``node`` (or of ``node[key]``), ``None`` when unknown."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        if isinstance(key, int):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return int(lc.line) + 1 if getattr(lc, "line", None) is not None else None


def read_text_file(path: Path, *, limit: int, what: str, shown: str) -> str:
    """Read a UTF-8 text file or raise :class:`GoldError` located at the offending byte."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise GoldError(Problem(shown, None, f"{what} not found")) from None
    except OSError as exc:
        raise GoldError(Problem(shown, None, f"cannot read {what}: {exc.strerror}")) from None
    if path.is_dir():
        raise GoldError(Problem(shown, None, f"{what} is a directory"))
    if size > limit:
        raise GoldError(
            Problem(shown, None, f"{what} is {size / 2**20:.1f} MiB; the limit is {limit / 2**20:.0f} MiB")
        )
    data = path.read_bytes()
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise GoldError(Problem(shown, line, f"{what} is binary (NUL byte at offset {nul})"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GoldError(
            Problem(shown, line, f"{what} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        ) from None


class TimestampText(str):
    """An unquoted YAML date (``2025-12-07``) kept as the text it is written as."""


def _timestamps_as_text(yaml: Any) -> None:
    """Keep unquoted dates (``value: 2025-12-07``) as the strings they are written as, instead
    of ``datetime.date`` objects (or a ``ValueError`` traceback for ``2025-13-45``): gold dates
    are TIMEX strings, checked by the loader with a located message. Written back unquoted."""
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    tag = "tag:yaml.org,2002:timestamp"

    class Constructor(RoundTripConstructor):
        def construct_timestamp_text(self, node: Any) -> Any:
            return TimestampText(self.construct_scalar(node))

    class Representer(RoundTripRepresenter):
        def represent_timestamp_text(self, data: Any) -> Any:
            return self.represent_scalar(tag, str(data))

    Constructor.add_constructor(tag, Constructor.construct_timestamp_text)
    Representer.add_representer(TimestampText, Representer.represent_timestamp_text)
    yaml.Constructor = Constructor
    yaml.Representer = Representer


def make_yaml() -> Any:
    """A round-trip ruamel.yaml instance configured the same way for reading and writing."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    _timestamps_as_text(yaml)
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.allow_duplicate_keys = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def parse_yaml(text: str, shown: str) -> Any:
    """Parse YAML text; syntax errors become ``path:line: message``."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return make_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise GoldError(Problem(shown, line, f"invalid YAML: {message}")) from None
    except YAMLError as exc:
        raise GoldError(Problem(shown, None, f"invalid YAML: {' '.join(str(exc).split())}")) from None
