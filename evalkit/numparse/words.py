"""English number words: integers to words and back, ordinals and fraction denominators.

``int_to_words`` writes British news style (``one hundred and five``); the reader accepts that
and the common variants (no ``and``, hyphen or space in ``twenty-five``, a leading ``a`` in
``a hundred``), from zero up to the trillions.
"""

from __future__ import annotations

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}
HUNDRED = "hundred"

ORDINAL_UNITS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
ORDINAL_TENS: dict[str, int] = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
ORDINAL_SCALES: dict[str, int] = {
    "hundredth": 100, "thousandth": 10**3, "millionth": 10**6, "billionth": 10**9,
    "trillionth": 10**12,
}
ORDINAL_WORDS: dict[str, int] = {**ORDINAL_UNITS, **ORDINAL_TENS, **ORDINAL_SCALES}

#: Denominators of spoken fractions; ``second`` is not one (``two seconds`` is time).
DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100, "thousandth": 1000,
    "thousandths": 1000,
}

CARDINAL_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | {HUNDRED}
MAX_WORDS_VALUE = 10**15 - 1

_UNIT_NAMES = {v: k for k, v in UNITS.items()}
_TEN_NAMES = {v: k for k, v in TENS.items()}


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_UNIT_NAMES[hundreds], HUNDRED]
        if rest:
            words.append("and")
    if rest >= 20:
        tens, units = divmod(rest, 10)
        words.append(_TEN_NAMES[tens * 10] + (f"-{_UNIT_NAMES[units]}" if units else ""))
    elif rest or not hundreds:
        words.append(_UNIT_NAMES[rest])
    return words


def int_to_words(n: int) -> str:
    """English words for the integer ``n`` (``105`` -> ``one hundred and five``).

    British news style: ``and`` after ``hundred`` and before a final group below one hundred
    (``one thousand and one``), hyphenated tens (``twenty-five``), short scale (``billion`` =
    10**9). Negative numbers start with ``minus``. Raises ``ValueError`` beyond the trillions.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"int_to_words needs an int, got {type(n).__name__}")
    if n < 0:
        return "minus " + int_to_words(-n)
    if n > MAX_WORDS_VALUE:
        raise ValueError(f"{n} is beyond the trillions; int_to_words stops at {MAX_WORDS_VALUE}")
    if n == 0:
        return "zero"
    groups: list[tuple[int, str | None]] = []
    rest = n
    for scale_name, scale in sorted(SCALES.items(), key=lambda kv: -kv[1]):
        q, rest = divmod(rest, scale)
        if q:
            groups.append((q, scale_name))
    if rest:
        groups.append((rest, None))
    words: list[str] = []
    for q, name in groups:
        if name is None and words and q < 100:
            words.append("and")
        words += _below_thousand(q)
        if name:
            words.append(name)
    return " ".join(words)


def read_cardinal(words: list[str], i: int) -> tuple[int, int] | None:
    """Read the longest well-formed cardinal number starting at ``words[i]``.

    ``words`` are lower-case word tokens with hyphens already split off (``twenty``, ``five``);
    ``and`` and a leading ``a`` (``a hundred``) are accepted where English puts them. Returns
    ``(value, end)`` with ``end`` the index after the last word used, or ``None``.

    Well-formed means each group below a thousand is ``[units hundred] [and] [tens] [units]``
    and scale words strictly decrease (``two million three thousand``), so ``five five`` reads
    as two numbers.
    """
    n = len(words)
    total = 0
    last_scale = 10**18
    j = i
    best: tuple[int, int] | None = None
    while j < n:
        group = _read_group(words, j)
        if group is None:
            break
        value, k, bare_a = group
        if value > 0 and k < n and words[k] in SCALES and SCALES[words[k]] < last_scale:
            last_scale = SCALES[words[k]]
            total += value * last_scale
            j = k + 1
            best = (total, j)
            if j + 1 < n and words[j] == "and":
                tail = _read_group(words, j + 1)
                if tail is not None and not tail[2] and tail[0] < 100:
                    after = tail[1]
                    if after >= n or words[after] not in SCALES:
                        return total + tail[0], after
            continue
        if not bare_a:
            best = (total + value, k)
        break
    return best


def _read_group(words: list[str], i: int) -> tuple[int, int, bool] | None:
    """A number below one thousand (or ``eleven hundred``) at ``words[i]``.

    Returns ``(value, end, bare_a)``; ``bare_a`` marks a lone ``a`` that only counts as one
    when a scale word follows (``a million``).
    """
    n = len(words)
    w = words[i]
    nxt = words[i + 1] if i + 1 < n else ""
    value = 0
    j = i
    if w == "a":
        if nxt == HUNDRED:
            value, j = 100, i + 2
        elif nxt in SCALES:
            return 1, i + 1, True
        else:
            return None
    elif w in UNITS and UNITS[w] > 0 and nxt == HUNDRED:
        value, j = UNITS[w] * 100, i + 2
    if value:
        if j + 1 < n and words[j] == "and" and (words[j + 1] in UNITS or words[j + 1] in TENS):
            j += 1
    tail = _read_tens(words, j)
    if tail is None:
        return (value, j, False) if value else None
    t, k = tail
    if value and t == 0:
        return value, j, False
    return value + t, k, False


def _read_tens(words: list[str], i: int) -> tuple[int, int] | None:
    """``twenty``, ``twenty five``, ``seven``, ``fifteen`` at ``words[i]``."""
    n = len(words)
    if i >= n:
        return None
    w = words[i]
    if w in TENS:
        if i + 1 < n and words[i + 1] in UNITS and 0 < UNITS[words[i + 1]] < 10:
            return TENS[w] + UNITS[words[i + 1]], i + 2
        return TENS[w], i + 1
    if w in UNITS:
        return UNITS[w], i + 1
    return None


def read_ordinal(words: list[str], i: int) -> tuple[int, int] | None:
    """Read an ordinal such as ``sixth``, ``twenty first``, ``one hundred and fifth``.

    Returns ``(value, end)`` or ``None``. The ordinal word is always the last one read, and
    what precedes it must be a whole cardinal that English can extend that way: a tens word
    before a unit ordinal (``twenty first``) or a round hundred/scale before any ordinal.
    """
    n = len(words)
    e = i
    while e < n and e - i < 16 and words[e] not in ORDINAL_WORDS:
        if words[e] not in CARDINAL_WORDS and words[e] not in ("and", "a"):
            return None
        e += 1
    if e >= n or words[e] not in ORDINAL_WORDS:
        return None
    w = words[e]
    if e == i:
        return ORDINAL_WORDS[w], e + 1
    if w in ORDINAL_SCALES:
        pre = read_cardinal(words[:e], i)
        if pre is None or pre[1] != e:
            return None
        return pre[0] * ORDINAL_SCALES[w], e + 1
    head_end = e - 1 if words[e - 1] == "and" else e
    pre = read_cardinal(words[:head_end], i)
    if pre is None or pre[1] != head_end:
        return None
    last = words[head_end - 1]
    if last in TENS and head_end == e and w in ORDINAL_UNITS and ORDINAL_UNITS[w] < 10:
        return pre[0] + ORDINAL_UNITS[w], e + 1
    if (last == HUNDRED or last in SCALES) and pre[0] % 100 == 0:
        return pre[0] + ORDINAL_WORDS[w], e + 1
    return None
