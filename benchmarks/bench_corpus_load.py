"""Loading a large exported corpus: one process against ``num_proc`` processes, measured in one run.

Run: ``python benchmarks/bench_corpus_load.py [--rows 1000,10000] [--num-proc 2,4]
[--formats jsonl,parquet] [--rounds 2] [--gold gold/]``. Prints figures; asserts nothing
about time.

The corpus is the shipped gold (``--gold``) repeated under new ids until it has ``--rows``
rows, written with :func:`evalkit.corpus.export` as JSON Lines and Parquet. Each load is
``evalkit.gold.load_gold(path, num_proc=N)`` in a fresh interpreter, timed around that one
call (wall clock: what a user waits for), so a parallel load pays what it costs in a real
command — importing ``datasets``, starting its workers, moving rows and documents between
processes. Times are those of the fastest of ``--rounds`` paired rounds (each round loads the
file once per setting, one after the other); beside each wall time is the CPU time the load
used in all its processes and in the calling process alone, which other load on a shared
machine hardly inflates. The caller's share (reading, starting workers, unpickling the proven
documents) is not spread: a parallel load can only be faster where the rest finds idle cores,
and never faster than the caller's share. Before the figures are trusted, each size is loaded
once sequentially and once per ``--num-proc`` and the documents compared.

A shared machine may not give a second process a second core. The run therefore first
measures what it can get: a pure-Python loop timed alone, then in ``N`` processes at once;
``capacity`` is how many loops' worth of work ``N`` processes did in the time of one (2.0 on
two idle cores). The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent

#: Timed in a child interpreter: one ``load_gold`` call; prints its wall seconds, its CPU
#: seconds in all processes (its own and its finished workers'), in its own process alone,
#: and the document count.
_LOAD = """
import resource, sys, time
from evalkit.gold import load_gold
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
num_proc = None if sys.argv[2] == "1" else int(sys.argv[2])
start, own, workers = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
docs = load_gold(sys.argv[1], num_proc=num_proc)
own = cpu(resource.RUSAGE_SELF) - own
print(time.perf_counter() - start, own + cpu(resource.RUSAGE_CHILDREN) - workers, own, len(docs))
"""

#: Checked in a child interpreter: the parallel load equals the sequential one.
_SAME = """
import sys
from evalkit.gold import load_gold
seq = load_gold(sys.argv[1])
print(all(load_gold(sys.argv[1], num_proc=int(n)) == seq for n in sys.argv[2:]))
"""


def write_corpus(gold: str, rows: int, folder: Path, formats: Sequence[str]) -> dict[str, Path]:
    """The gold documents repeated under new ids to ``rows`` rows, exported once per format."""
    from evalkit.corpus import export
    from evalkit.gold import load_gold

    docs = load_gold(gold)
    copies = []
    for i in range(rows):
        d = docs[i % len(docs)]
        copies.append(dataclasses.replace(d, document=dataclasses.replace(d.document, id=f"{d.document.id}-{i:06d}")))
    out = {}
    for fmt in formats:
        path = folder / f"corpus-{rows}.{fmt}"
        export(copies, str(path), fmt)
        out[fmt] = path
    return out


def _spin(loops: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i * i
    return time.perf_counter() - start


def capacity(processes: int, loops: int = 5_000_000) -> float:
    """Loops' worth of pure-Python work ``processes`` processes do in the time one does one."""
    alone = min(_spin(loops) for _ in range(2))
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        start = time.perf_counter()
        pool.map(_spin, [loops] * processes)
        together = time.perf_counter() - start
    return processes * alone / together


def load_seconds(path: Path, num_proc: int) -> tuple[float, float, float]:
    """Wall, all-process CPU and calling-process CPU seconds of one ``load_gold(path, num_proc=…)``
    call in a fresh interpreter."""
    r = subprocess.run([sys.executable, "-c", _LOAD, str(path), str(num_proc)], capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        raise SystemExit(f"loading {path} with num_proc={num_proc} failed:\n{r.stderr}")
    wall, cpu, own, _ = r.stdout.split()
    return float(wall), float(cpu), float(own)


def same_documents(path: Path, procs: Sequence[int]) -> bool:
    """True when every parallel load gives the sequential load's documents, in its order."""
    r = subprocess.run([sys.executable, "-c", _SAME, str(path), *map(str, procs)], capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        raise SystemExit(f"comparing loads of {path} failed:\n{r.stderr}")
    return r.stdout.strip() == "True"


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=_ints, default=[1000, 10000], help="corpus sizes, comma-separated")
    parser.add_argument("--num-proc", type=_ints, default=[2], help="process counts, comma-separated")
    parser.add_argument("--formats", default="jsonl,parquet", help="jsonl, parquet or both")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--gold", default=str(ROOT / "gold"))
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    import datasets

    datasets.disable_progress_bars()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cpus: {os.cpu_count()}")
    for n in args.num_proc:
        print(f"capacity of {n} processes (pure-Python loop; {n}.0 on {n} idle cores): {capacity(n):.2f}")
    print()
    header = "| rows | format | MiB | 1 process: s (CPU s) | " + " | ".join(f"num_proc={n}: s (ratio; CPU s all / caller)" for n in args.num_proc) + " |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            files = write_corpus(args.gold, rows, Path(tmp), formats)
            for fmt, path in files.items():
                if not same_documents(path, args.num_proc):
                    print(f"{path}: a parallel load differs from the sequential one", file=sys.stderr)
                    return 1
                best: dict[int, tuple[float, float, float]] = {}
                for _ in range(args.rounds):
                    for n in (1, *args.num_proc):
                        best[n] = min(best.get(n, (float("inf"), 0.0, 0.0)), load_seconds(path, n))
                cells = " | ".join(
                    f"{best[n][0]:.2f} ({best[n][0] / best[1][0]:.2f}×; {best[n][1]:.2f} / {best[n][2]:.2f})" for n in args.num_proc
                )
                print(f"| {rows} | {fmt} | {path.stat().st_size / 2**20:.1f} | {best[1][0]:.2f} ({best[1][1]:.2f}) | {cells} |", flush=True)
    print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("ratio < 1.00× means num_proc was faster; every parallel load gave the same documents.")
    print("CPU s all / caller: CPU seconds in every process of the load / in the calling process.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
