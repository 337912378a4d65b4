"""Seeded (reference, prediction) pairs of varied English for ROUGE parity with rouge-score.

The words mix what tokenizers disagree on: decimals and thousands (``3.5``, ``1,200``), numbers
glued to words (``2.5years``, ``5.30am``), hyphens (``U.S.-backed``, ``e-mail``), apostrophes
(``Kyiv's``, ``don't``), abbreviations (``Mr.``, ``U.K.``, ``p.m.``), money and percent signs;
sentences end in ``.``, ``!``, ``?``, ``...`` or a closing quote or bracket, are joined by
spaces or line breaks, and carry stray punctuation. Predictions drop words, add a sentence,
and are sometimes shuffled. Plain ASCII throughout.
"""

from __future__ import annotations

import random

WORDS = (
    "officials said the plan would cut energy prices by 3.5 percent in 2025 while Kyiv's "
    "negotiators rejected the U.S.-backed draft agreement on Monday after Mr. Peskov's remarks "
    "running runs ran tested testing e-mail well-known 1,200 people 25 killed children women "
    "don't won't it's they're Ukraine's NATO's ceasefire talks resumed at 5.30am 10km 20-30 "
    "$4.3bn 25% 2.5years 1.5million 3,000troops 0.5percent co-operation re-elected No. 10 "
    "St. Petersburg Dr. Jones U.K. a.m. p.m."
).split()
PUNCT = [",", ";", ":", " -", " --", "(", ")", '"', "'"]
ENDS = [".", "!", "?", "...", '."', ".)"]


def _sentence(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(3, 14)):
        w = rng.choice(WORDS)
        if rng.random() < 0.15:
            w = rng.choice(PUNCT) + w if rng.random() < 0.5 else w + rng.choice(PUNCT)
        out.append(w)
    text = " ".join(out)
    if rng.random() < 0.8:
        text = text[0].upper() + text[1:]
    return text + rng.choice(ENDS)


def _text(rng: random.Random) -> str:
    return rng.choice([" ", " ", "\n", "  "]).join(_sentence(rng) for _ in range(rng.randint(1, 5)))


def _perturb(rng: random.Random, text: str) -> str:
    words = [w for w in text.split(" ") if rng.random() > 0.15]
    if rng.random() < 0.5:
        words.append(_sentence(rng))
    if rng.random() < 0.1:
        rng.shuffle(words)
    return " ".join(words)


def english_pairs(n: int = 1000, seed: int = 11) -> list[tuple[str, str]]:
    """``n`` (reference, prediction) pairs, the same for the same seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        ref = _text(rng)
        out.append((ref, _perturb(rng, ref)))
    return out
