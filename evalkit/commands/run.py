"""``evalkit run``: run extractors over the gold corpus and print their headline scores.

Extractors and their options are given in order: ``-e SPEC`` adds an extractor; ``-o KEY=VALUE``
sets an option of the extractor just before it; ``-o NAME.KEY=VALUE`` sets it for every
extractor named NAME. Options in ``[tool.evalkit.extractors.NAME]`` apply first.
"""

from __future__ import annotations

import argparse
import contextlib
from typing import TYPE_CHECKING, Any, Iterator, Mapping

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from .. import Evaluation, Result, RunOutput, RunPlan
    from ..runner import ExtractorRun


class _Ordered(argparse.Action):
    """Collects ``-e`` and ``-o`` into one list in command-line order, as ``(kind, text)``."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: str | None = None) -> None:
        plan = list(getattr(namespace, "plan", None) or [])
        plan.append((self.const, values))
        namespace.plan = plan


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "run",
        help="run extractors over the gold corpus and score them",
        description=(
            "Run each extractor over every gold document (each document isolated: a crash, hang or bad "
            "output costs that document only), score it, and print a table of headline metrics. "
            "Exit 3 when every document of every extractor failed or there is nothing to do."
        ),
        epilog=(
            "Examples: evalkit run -e rules -e spacy:en_core_web_sm --workers 2;  "
            "evalkit run -e 'command:./my-extractor --json' -o timeout=30;  "
            "evalkit run -e noisy -o rate=0.5 -e noisy -o rate=0.8"
        ),
    )
    p.set_defaults(plan=[])
    p.add_argument("-e", "--extractor", action=_Ordered, const="extractor", dest="plan", metavar="SPEC",
                   help="an extractor: NAME or NAME:ARG (repeatable; see `evalkit list`)")
    p.add_argument("-o", "--option", action=_Ordered, const="option", dest="plan", metavar="[NAME.]KEY=VALUE",
                   help="an option of the extractor given just before it, or of every extractor NAME")
    p.add_argument("--gold", action="append", metavar="PATH", help="gold file or folder (repeatable; default: gold)")
    p.add_argument("--workers", type=_positive_int, metavar="N", help="worker processes / concurrent documents (default 1)")
    p.add_argument("--timeout", type=_positive_float, metavar="S", help="seconds per document (default 60)")
    p.add_argument("--executor", choices=("local", "dask"), default=None,
                   help="where extraction runs: local worker processes (default) or a Dask cluster "
                   "(a local one of --workers processes, default 2, unless --scheduler names one)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the output cache")
    p.add_argument("--cache-dir", metavar="DIR", help="output cache folder (default $EVALKIT_CACHE_DIR or .evalkit-cache)")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: evalkit.toml or pyproject.toml found upwards)")
    p.add_argument("--output", metavar="DIR", help="write the report directory: report.json, metadata.json and the --format renderings")
    p.add_argument("--format", default="json,html,markdown,junit", metavar="LIST",
                   help="renderings written with --output, comma-separated: json, html, markdown, junit (default: all)")
    from .score import add_scoring_options

    add_scoring_options(p.add_argument_group("scoring (recorded in the signature)"))
    noise = p.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print no table, only error records and failures")
    noise.add_argument("-v", "--verbose", action="store_true",
                       help="also print the scoring signature and every error record with its stderr tail")
    p.set_defaults(func=run)


def plan_from_args(args: argparse.Namespace) -> RunPlan:
    """The :class:`~evalkit.evaluation.RunPlan` of the command line over the configuration
    file (``--config``, or ``evalkit.toml``/``pyproject.toml`` found upwards)."""
    from ..config_file import load_config
    from ..evaluation import DEFAULT_TIMEOUT, RunPlan
    from .score import config_from_args

    config = load_config(args.config)
    return RunPlan(
        steps=list(args.plan) or [("extractor", s) for s in config.run.extractors],
        gold=args.gold or list(config.run.gold) or ["gold"],
        configured=config.extractor_options,
        scoring=config_from_args(args),
        timeout=args.timeout or config.run.timeout or DEFAULT_TIMEOUT,
        workers=args.workers or config.run.workers or 1,
        cache=not args.no_cache and config.run.cache is not False,
        cache_dir=args.cache_dir or config.run.cache_dir,
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from .. import RunError
    from .. import evaluate_plan

    plan = plan_from_args(args)
    if args.output:
        from ..reports import check_formats

        check_formats(args.format.split(","))
    with _log_to_stderr(args.verbose), _executor(args) as executor:
        evaluation = evaluate_plan(plan, progress=sys.stderr.isatty(), executor=executor)
    output = evaluation.output
    if not args.quiet:
        _print_table(evaluation)
    if args.verbose and evaluation.results:
        print(f"signature: {next(iter(evaluation.results.values())).signature}")
    _print_errors(output, limit=None if args.verbose else MAX_ERRORS_SHOWN)
    if args.output:
        from ..reports import write_run_reports

        written = write_run_reports(evaluation, args.output, formats=args.format.split(","))
        if not args.quiet:
            print(f"report written: {written['json']}", file=sys.stderr)
    if output.all_failed:
        n = output.error_count
        raise RunError(f"the run failed: every document of every extractor failed ({n} error{'s' if n != 1 else ''})")
    return 0


@contextlib.contextmanager
def _executor(args: argparse.Namespace) -> Iterator[Any]:
    """The Dask executor when asked for (``None``: local workers), open for the run's duration."""
    if args.executor == "local" and args.scheduler:
        from .. import InputError

        raise InputError("--scheduler needs --executor dask (or no --executor)")
    if args.executor != "dask" and not args.scheduler:
        yield None
        return
    from ..dask_executor import DaskExecutor

    with DaskExecutor(args.scheduler, workers=args.workers or 2) as executor:
        yield executor


@contextlib.contextmanager
def _log_to_stderr(enabled: bool) -> Iterator[None]:
    """While running, back-ends' informational messages (e.g. a structured-output step-down)
    go to stderr when ``enabled``; the handler is removed afterwards."""
    if not enabled:
        yield
        return
    import logging
    import sys

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("evalkit")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


#: Headline columns: (heading, part); each shows the part's headline metric (F1, or the mean).
HEADLINES: tuple[tuple[str, str], ...] = (
    ("entities", "entities"),
    ("mentions", "mentions"),
    ("numbers", "numbers"),
    ("attrib.", "attributions"),
    ("summary", "summary"),
)


def headline_values(result: Result) -> dict[str, float | None]:
    """Part → the value of its headline metric (F1 for P/R/F1 metrics, the mean for ROUGE;
    ``None`` when undefined: nothing in gold and nothing predicted)."""
    from ..stats import PRIMARY_VALUE

    out: dict[str, float | None] = {}
    for _, part in HEADLINES:
        metric = result.headline(part)
        if metric is None:
            continue
        value = metric.values[PRIMARY_VALUE[metric.kind]]
        out[part] = None if value is None else float(value)
    return out


def _caption(results: Mapping[str, Result]) -> str:
    """Which metric each column shows: ``entities.strict F1, …, summary.rougeLsum.max``."""
    names: dict[str, str] = {}
    for result in results.values():
        for _, part in HEADLINES:
            metric = result.headline(part)
            if metric is not None:
                names.setdefault(part, metric.name + (" F1" if "f1" in metric.values else ""))
    return "; ".join(names.values())


def run_tables(evaluation: Evaluation, width: int) -> list[Table]:
    """The run's table: one row per extractor, the headline value of each part, then errors,
    cached outputs, seconds (and tokens and cost for back-ends that report usage). When that
    is wider than ``width`` it becomes two tables with the extractor in both — scores, then
    the run's costs — so no column is dropped and no name is cut at 80 columns."""
    from rich import box
    from rich.console import Console
    from rich.measure import Measurement
    from rich.table import Table

    from ..reports import number

    output, results = evaluation.output, evaluation.results
    values = {label: headline_values(results[label]) for label in output.labels}
    shown = [(h, p) for h, p in HEADLINES if any(p in v for v in values.values())]
    spent = {label: _usage_cells(output.runs[label]) for label in output.labels}
    usage_columns = [c for i, c in enumerate(("tokens", "cost")) if any(cells[i] != "–" for cells in spent.values())]
    score_cells = {label: [number(values[label][p]) if p in values[label] else "–" for _, p in shown] for label in output.labels}
    run_cells = {}
    for label in output.labels:
        t = output.timings[label]
        usage = [cell for cell, heading in zip(spent[label], ("tokens", "cost")) if heading in usage_columns]
        run_cells[label] = [str(t.errors), str(t.cached), f"{t.seconds:.2f}", *usage]
    run_headings = ["errors", "cached", "seconds", *usage_columns]

    def table(headings: list[str], cells: dict[str, list[str]]) -> Table:
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        t.add_column("extractor", overflow="fold")
        for heading in headings:
            t.add_column(heading, justify="right", min_width=4, no_wrap=True)
        for label in output.labels:
            t.add_row(label, *cells[label])
        return t

    whole = table([h for h, _ in shown] + run_headings, {k: score_cells[k] + run_cells[k] for k in output.labels})
    console = Console(width=width)
    if Measurement.get(console, console.options.update_width(10_000), whole).maximum <= width:
        return [whole]
    return [table([h for h, _ in shown], score_cells), table(run_headings, run_cells)]


def _print_table(evaluation: Evaluation) -> None:
    import sys

    from rich.console import Console

    console = Console(width=None if sys.stdout.isatty() else 160)
    print_run_tables(evaluation, console)


def print_run_tables(evaluation: Evaluation, console: Console) -> None:
    """The document count, :func:`run_tables` at the console's width, and which metric each
    column shows (wrapped at spaces)."""
    documents = len(evaluation.output.documents)
    console.print(f"{documents} document{'s' if documents != 1 else ''}", highlight=False)
    for table in run_tables(evaluation, console.width):
        console.print(table)
    console.print(f"Columns: {_caption(evaluation.results)}.", highlight=False)


def _usage_cells(run: ExtractorRun) -> tuple[str, str]:
    """The tokens and cost columns of one extractor (``–`` where it reported none)."""
    from .. import Usage
    from ..reports import format_cost

    if not run.usage:
        return "–", "–"
    total = sum(run.usage.values(), Usage())
    cost = "–" if run.pricing is None else format_cost(total.cost(run.pricing.price_in, run.pricing.price_out))
    return f"{total.total_tokens:,}", cost


#: At most this many error records are printed; the report has all of them.
MAX_ERRORS_SHOWN = 20


def _print_errors(output: RunOutput, limit: int | None = MAX_ERRORS_SHOWN) -> None:
    """Error records on stderr: the first ``limit`` (all when ``None``); the report has every one."""
    import sys

    errors = output.errors
    if not errors:
        return
    shown = errors if limit is None else errors[:limit]
    print(f"{len(errors)} document error{'s' if len(errors) != 1 else ''}:", file=sys.stderr)
    for e in shown:
        print(f"  [{e.kind}] {e}", file=sys.stderr)
        for line in e.stderr_tail.strip().splitlines()[-3:]:
            print(f"      | {line}", file=sys.stderr)
    if len(errors) > len(shown):
        print(f"  … and {len(errors) - len(shown)} more", file=sys.stderr)
