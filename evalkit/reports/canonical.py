"""Canonical JSON: the same report always gives the same bytes; reading back.

Reports are written with :func:`evalkit.fileio.atomic_write` (re-exported here).

Canonical form (what makes ``report.json`` byte-stable):

* keys sorted at every level, two-space indentation, UTF-8 without ASCII escaping, a final
  newline;
* every float rounded to 6 decimals (``round(x, 6)``), ``-0.0`` written as ``0.0``, then
  written with Python's shortest round-trip ``repr`` — so summing the same counts in another
  order (which can change the 16th digit) never changes a byte;
* strings that cannot be UTF-8 (lone surrogates) have those code points replaced by U+FFFD,
  one for one, so offsets stay valid;
* numpy scalars and arrays become plain numbers and lists; tuples become lists; NaN and
  infinity are refused (``allow_nan=False``) rather than written as invalid JSON;
* nothing that varies between identical runs: no time, host, path of the run or duration —
  those go to ``metadata.json`` beside the report.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from ..errors import InputError, Problem
from ..fileio import atomic_write

if TYPE_CHECKING:
    from .model import Report

#: Decimal places kept for every float.
FLOAT_DECIMALS = 6
REPORT_FILE = "report.json"
_SURROGATE = re.compile("[\ud800-\udfff]")
METADATA_FILE = "metadata.json"


def canonical(value: Any, path: str = "$") -> Any:
    """``value`` as plain JSON data in canonical form (see the module docstring).

    Raises :class:`ValueError` naming the JSON path of a non-finite float or of a value that
    has no JSON form.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{path}: {value!r} has no JSON form")
        rounded = round(value, FLOAT_DECIMALS)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, Mapping):
        return {str(k): canonical(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v, f"{path}[{i}]") for i, v in enumerate(value)]
    item = getattr(value, "item", None)  # numpy scalar
    if callable(item) and getattr(value, "shape", None) == ():
        return canonical(item(), path)
    tolist = getattr(value, "tolist", None)  # numpy array
    if callable(tolist):
        return canonical(tolist(), path)
    raise ValueError(f"{path}: {type(value).__name__} has no JSON form")


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 bytes of ``value`` (sorted keys, 6-decimal floats, final newline)."""
    text = json.dumps(
        canonical(value),
        sort_keys=True,
        indent=2,
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ": "),
    )
    return (text + "\n").encode("utf-8")


def report_path(path: str | os.PathLike[str]) -> Path:
    """``path`` itself for a file, ``path/report.json`` for a run directory."""
    p = Path(path)
    return p / REPORT_FILE if p.is_dir() else p


def read_report_data(path: str | os.PathLike[str]) -> Any:
    """The parsed JSON of a report file or run directory; one located line when unusable."""
    p = report_path(path)
    where = str(p)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(where, None, "no such report (expected a report.json or a run directory holding one)")) from None
    except OSError as exc:
        raise InputError(Problem(where, None, f"cannot read: {exc.strerror or exc}")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(where, None, f"not UTF-8 (byte {exc.start})")) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(where, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")) from None


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read and check a report (file or run directory) into a :class:`~evalkit.reports.model.Report`."""
    from .model import report_from_dict

    return report_from_dict(read_report_data(path), where=str(report_path(path)))


__all__ = [
    "FLOAT_DECIMALS",
    "METADATA_FILE",
    "REPORT_FILE",
    "atomic_write",
    "canonical",
    "canonical_json",
    "load_report",
    "read_report_data",
    "report_path",
]
