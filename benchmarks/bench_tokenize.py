"""Throughput of normalisation, tokenization and number finding on 1 MB inputs.

Run: ``python benchmarks/bench_tokenize.py``. Prints seconds per call and MB/s for three
inputs: English news prose, mixed-script text with combining marks, and random code points
(the worst case: few characters take the fast paths).
"""

from __future__ import annotations

import random
import time
from typing import Callable

from evalkit.normalise import normalise
from evalkit.numparse import find_numbers
from evalkit.tokenize import Tokenizer

MB = 1_000_000


def _inputs() -> dict[str, str]:
    news = (
        "Russian strikes killed at least 25 people in Ternopil, officials said on Wednesday. "
        "\u201cWe will rebuild,\u201d the mayor said \u2014 another 73 were injured. "
    )
    mixed = "Erdo\u011fan\u2019s \u201c28\u2011point\u201d plan \u2014 \u041f\u0443\u0442\u0438\u043d, \u7fd2\u8fd1\u5e73 and e\u0301te\u0301!\u00a0 "
    rng = random.Random(0)
    return {
        "news": (news * (MB // len(news) + 1))[:MB],
        "mixed": (mixed * (MB // len(mixed) + 1))[:MB],
        "random": "".join(chr(rng.randrange(0x30000)) for _ in range(MB)),
    }


def _time(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    normalise("warm up the tables")
    stemming = Tokenizer(use_stemmer=True)
    stemming.tokenize("warm up")
    print(f"{'input':8} {'operation':22} {'seconds':>8} {'MB/s':>6}")
    for name, text in _inputs().items():
        ops: dict[str, Callable[[], object]] = {
            "normalise default": lambda text=text: normalise(text, "default"),
            "normalise loose": lambda text=text: normalise(text, "loose"),
            "tokenize (stemmed)": lambda text=text: stemming.tokenize(text),
        }
        if name == "news":
            ops["find_numbers"] = lambda text=text: find_numbers(text)
        for op, fn in ops.items():
            secs = _time(fn, repeat=1 if name == "random" else 3)
            print(f"{name:8} {op:22} {secs:8.2f} {len(text) / MB / secs:6.2f}")


if __name__ == "__main__":
    main()
