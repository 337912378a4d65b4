"""Accuracy of extractors on a gold corpus: per-article and pooled F1 per part, as Markdown.

Run: ``python benchmarks/bench_corpus.py GOLD [GOLD ...] -e rules -e spacy:en_core_web_sm``.
``GOLD`` is any gold file or folder :func:`evalkit.gold.load_gold` takes (its texts where the
files say). For each extractor it prints one table: a row per article, then a pooled row per
``--group`` and one over every article. The columns are the headline metric of each part —
``entities.strict``, ``mentions.strict``, ``numbers.strict`` and ``attributions.joint.overlap``
F1, and ``summary.rougeLsum.max``.

*Pooled* is the micro value of the scorer itself: the articles' statistics (tp/fp/fn, or the
mean's total and count) are added, then divided — so a pooled row is what ``evalkit score``
would print for those articles alone. ``—`` marks a part with nothing to score in an article.

``--group NAME=STEM,STEM`` names a subset (a development set, held-out articles);
``--exclude STEM,...`` leaves articles out of the run altogether (they are never extracted).
``--save FILE`` writes the figures as JSON; ``--before FILE`` reads figures saved by an earlier
run (another revision of the code) and adds one table of the pooled rows, before → after, for
every extractor and row the two runs share — the leave-one-group-out comparison of a round of
rule changes (tuned on one group, measured on the other).
Everything goes through the public API (registry, runner, scorer); nothing is cached.
Bad input (a broken gold file, an unknown extractor, a group naming an article that is not
there) is one line per problem and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Mapping, Sequence

#: The headline metric of each part, in table order, with its column title.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("entities", "entities.strict", "f1"),
    ("mentions", "mentions.strict", "f1"),
    ("numbers", "numbers.strict", "f1"),
    ("attrib.", "attributions.joint.overlap", "f1"),
    ("summary", "summary.rougeLsum.max", "value"),
)


@dataclass(frozen=True)
class Table:
    """One extractor's figures: ``rows`` maps a row label to one value (or None) per column."""

    extractor: str
    rows: Mapping[str, tuple[float | None, ...]]


def pool(stats: Sequence[object]) -> object | None:
    """The micro statistic of several documents' statistics (None when none occurs)."""
    present = [s for s in stats if s is not None]
    if not present:
        return None
    total = present[0]
    for s in present[1:]:
        total = total + s  # type: ignore[operator]
    return total


def value_of(stat: object | None, field: str) -> float | None:
    """F1 of a ``Counts``, value of a ``Mean``; None for a metric that does not occur (no
    statistic, or one with nothing on either side: neither gold nor predicted items)."""
    if stat is None:
        return None
    value = getattr(stat, field)
    return None if value is None else float(value)


def tables(result_by_label: Mapping[str, object], doc_ids: Sequence[str], groups: Mapping[str, Sequence[str]]) -> list[Table]:
    """Per-article and pooled rows for every extractor's scoring result."""
    out = []
    for label, result in result_by_label.items():
        per_doc = {d: result.document(d) for d in doc_ids}  # type: ignore[attr-defined]
        rows: dict[str, tuple[float | None, ...]] = {}
        for d in doc_ids:
            rows[d] = tuple(value_of(per_doc[d].metric(m), f) for _, m, f in COLUMNS)
        for name, members in (*groups.items(), ("all", doc_ids)):
            rows[f"pooled: {name} ({len(members)})"] = tuple(
                value_of(pool([per_doc[d].metric(m) for d in members]), f) for _, m, f in COLUMNS
            )
        out.append(Table(label, rows))
    return out


def markdown(table: Table) -> str:
    """A GitHub-flavoured Markdown table, three decimals, pooled rows in bold."""
    head = ["article", *(c for c, _, _ in COLUMNS)]
    lines = [f"`{table.extractor}`", "", "| " + " | ".join(head) + " |", "| --- |" + " ---: |" * len(COLUMNS)]
    for label, values in table.rows.items():
        cells = ["—" if v is None else f"{v:.3f}" for v in values]
        if label.startswith("pooled"):
            label, cells = f"**{label}**", [f"**{c}**" if c != "—" else c for c in cells]
        lines.append("| " + " | ".join([label, *cells]) + " |")
    return "\n".join(lines)


def to_json(tables_: Sequence[Table]) -> dict[str, object]:
    """The figures as a JSON object: columns, and per extractor its rows of values."""
    return {
        "columns": [c for c, _, _ in COLUMNS],
        "extractors": {t.extractor: {label: list(values) for label, values in t.rows.items()} for t in tables_},
    }


def comparison(before: Mapping[str, object], tables_: Sequence[Table]) -> str:
    """A Markdown table of the pooled rows present in both ``before`` (a :func:`to_json`
    object) and ``tables_``: one row per extractor and pooled row, each cell ``before → after``."""
    from evalkit.errors import InputError

    old = before.get("extractors")
    if not isinstance(old, dict):
        raise InputError("--before: no 'extractors' object")
    head = ["extractor", "row", *(c for c, _, _ in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "| --- | --- |" + " ---: |" * len(COLUMNS)]

    def cell(a: float | None, b: float | None) -> str:
        show = ["—" if v is None else f"{v:.3f}" for v in (a, b)]
        return f"{show[0]} → {show[1]}"

    for t in tables_:
        rows = old.get(t.extractor)
        if not isinstance(rows, dict):
            continue
        for label, values in t.rows.items():
            if not label.startswith("pooled") or label not in rows:
                continue
            was = rows[label]
            if not isinstance(was, list) or len(was) != len(values):
                raise InputError(f"--before: {t.extractor}: row {label!r} has {len(was) if isinstance(was, list) else 'no'} values, expected {len(values)}")
            name = label.removeprefix("pooled: ")
            lines.append("| " + " | ".join([f"`{t.extractor}`", name, *(cell(a, b) for a, b in zip(was, values))]) + " |")
    return "\n".join(lines)


def parse_groups(specs: Sequence[str]) -> dict[str, list[str]]:
    from evalkit.errors import InputError

    groups: dict[str, list[str]] = {}
    for spec in specs:
        name, eq, members = spec.partition("=")
        stems = [s.strip() for s in members.split(",") if s.strip()]
        if not eq or not name.strip() or not stems:
            raise InputError(f"--group {spec!r}: expected NAME=STEM[,STEM...]")
        groups[name.strip()] = stems
    return groups


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("gold", nargs="+", help="gold files or folders")
    parser.add_argument("-e", "--extractor", action="append", default=[], metavar="SPEC", help="extractor spec (repeatable)")
    parser.add_argument("--group", action="append", default=[], metavar="NAME=STEM,...", help="a pooled subset (repeatable)")
    parser.add_argument("--exclude", default="", metavar="STEM,...", help="articles left out of the run")
    parser.add_argument("--save", metavar="FILE", help="write the figures as JSON to FILE")
    parser.add_argument("--before", metavar="FILE", help="figures saved by an earlier run: add a before → after table of the pooled rows")
    args = parser.parse_args(argv)

    from evalkit.errors import EvalkitError, InputError
    from evalkit.evaluation import evaluate
    from evalkit.extractors.registry import create
    from evalkit.gold import load_gold
    from evalkit.scoring.config import ScoringConfig

    try:
        before = _read_before(args.before) if args.before else None
        specs = args.extractor or ["rules"]
        groups = parse_groups(args.group)
        excluded = {s.strip() for s in args.exclude.split(",") if s.strip()}
        corpus = [g for g in load_gold(args.gold) if g.document.id not in excluded]
        doc_ids = [g.document.id for g in corpus]
        unknown = sorted({s for m in groups.values() for s in m} - set(doc_ids))
        if unknown:
            raise InputError(f"--group names articles not in the run: {', '.join(unknown)}")
        if not corpus:
            raise InputError("no articles to run (every gold file was excluded)")
        extractors = [create(s) for s in specs]
        evaluation = evaluate(extractors, corpus, config=ScoringConfig(bootstrap=1))
        errors = {label: len(run.errors) for label, run in evaluation.output.runs.items()}
        result_tables = tables(evaluation.results, doc_ids, groups)
        compared = comparison(before, result_tables) if before is not None else None
    except EvalkitError as exc:
        for p in getattr(exc, "problems", None) or [str(exc)]:
            print(p if getattr(p, "path", "") else f"bench_corpus: error: {getattr(p, 'message', p)}", file=sys.stderr)
        return exc.exit_code
    for t in result_tables:
        print(markdown(t))
        if errors.get(t.extractor):
            print(f"\n{errors[t.extractor]} document(s) failed and were scored as empty predictions.")
        print()
    if compared is not None:
        print("Pooled rows, before → after:")
        print()
        print(compared)
        print()
    print("Columns: entities.strict, mentions.strict, numbers.strict, attributions.joint.overlap F1; summary.rougeLsum.max.")
    if args.save:
        with open(args.save, "w", encoding="utf-8") as fh:
            json.dump(to_json(result_tables), fh, indent=1)
            fh.write("\n")
    return 0


def _read_before(path: str) -> dict[str, object]:
    """Figures saved by ``--save``; a missing or malformed file is an input error naming it."""
    from evalkit.errors import InputError

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: line {exc.lineno}: not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("extractors"), dict):
        raise InputError(f"{path}: not figures saved by --save (no 'extractors' object)")
    return data


if __name__ == "__main__":
    sys.exit(main())
