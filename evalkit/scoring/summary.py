"""Summary scoring: ROUGE-1/2/L/Lsum of the predicted summary against every gold reference.

ROUGE is rouge-score's (``rouge_score.rouge_scorer.RougeScorer``), fed with
:class:`RougeTokenizer` — evalkit's :class:`~evalkit.tokenize.Tokenizer` (Unicode-aware, Porter
stemming when ``config.use_stemmer``) with numbers cut at ``.`` and ``,`` as rouge-score cuts
them — instead of rouge-score's ASCII-only default, so ``Erdoğan`` and Cyrillic text score. On
ASCII text ROUGE-1/2/L are exactly rouge-score's (tested on 1,000 seeded English pairs and on
random printable ASCII), and so is ROUGE-Lsum when the sentences are one per line.

ROUGE-Lsum needs sentences: both texts are split with the offline splitter of
:mod:`evalkit.sentences` and joined with ``"\\n"`` before scoring (rouge-score would
otherwise need NLTK's punkt download). The other types are unaffected by the split. This is
the one deliberate difference on ASCII: rouge-score splits Lsum input only at line breaks, so
several sentences on one line are one sentence to it and many to evalkit.

Metrics, each a :class:`~evalkit.scoring.base.Mean` over one document (``Mean(value, 1)``), so
a corpus mean is a mean over documents:

* ``summary.<type>.max`` — F-measure against the best reference (the one with the highest
  F, first on ties, as rouge-score's ``score_multi``), with ``.max.p`` and ``.max.r`` the
  precision and recall against that same reference;
* ``summary.<type>.mean`` — F-measure averaged over references, with ``.mean.p``/``.mean.r``.

The headline is ``summary.rougeLsum.max`` (summary-level LCS is what summarisation work reports
as ROUGE-L for multi-sentence summaries); when ``rougeLsum`` is not among
``config.rouge_types`` it is ``rougeL``, else the first configured type.

Edge cases: a prediction without a summary scores 0 against every reference; a prediction
with several summaries is scored on its first non-blank one; a gold document without
references (blank ones do not count) has no summary metrics at all (``metrics`` is empty), so
it neither helps nor hurts a corpus mean.

Speed: the rouge-score scorer is built once per ``(rouge_types, use_stemmer)``, and each text
is tokenised once — sentence by sentence, the whole text being the concatenation — through a
small memo that the scorer's repeated ``tokenize`` calls hit.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from ..errors import InputError
from ..model import Document, StructuredSummary
from ..sentences import split_sentences
from .base import Mean, PartScore
from .config import ScoringConfig

PART = "summary"
#: Rouge types rouge-score accepts: n-gram types ``rouge1``..``rouge9``, ``rougeL``, ``rougeLsum``.
_LCS_TYPES = ("rougeL", "rougeLsum")
_NGRAM_TYPE = re.compile(r"rouge[1-9]")
_HEADLINE_PREFERENCE = ("rougeLsum", "rougeL")


@dataclass(frozen=True)
class RougeScore:
    """Precision, recall and F-measure of one rouge type for one (reference, prediction) pair."""

    precision: float
    recall: float
    fmeasure: float


def score_summary(
    gold: StructuredSummary, pred: StructuredSummary, doc: Document, config: ScoringConfig
) -> PartScore:
    """ROUGE of ``pred``'s summary against ``gold``'s references (see the module docstring)."""
    types = tuple(config.rouge_types)
    headline = f"{PART}.{_headline_type(types)}.max" if types else f"{PART}.max"
    references = [r for r in gold.summaries if r.strip()]
    if not references or not types:
        return PartScore(part=PART, headline=headline, metrics={})
    prediction = next((s for s in pred.summaries if s.strip()), "")
    per_ref = rouge_against_references(references, prediction, types, config.use_stemmer)
    metrics: dict[str, Mean] = {}
    for rouge_type in types:
        scores = [s[rouge_type] for s in per_ref]
        best = max(range(len(scores)), key=lambda i: (scores[i].fmeasure, -i))
        n = len(scores)
        name = f"{PART}.{rouge_type}"
        metrics[f"{name}.max"] = Mean(scores[best].fmeasure, 1)
        metrics[f"{name}.max.p"] = Mean(scores[best].precision, 1)
        metrics[f"{name}.max.r"] = Mean(scores[best].recall, 1)
        metrics[f"{name}.mean"] = Mean(sum(s.fmeasure for s in scores) / n, 1)
        metrics[f"{name}.mean.p"] = Mean(sum(s.precision for s in scores) / n, 1)
        metrics[f"{name}.mean.r"] = Mean(sum(s.recall for s in scores) / n, 1)
    return PartScore(part=PART, headline=headline, metrics=metrics)


def rouge_against_references(
    references: Sequence[str],
    prediction: str,
    rouge_types: Sequence[str] = ("rouge1", "rouge2", "rougeL", "rougeLsum"),
    use_stemmer: bool = True,
) -> list[dict[str, RougeScore]]:
    """rouge-score's scores of ``prediction`` against each reference, in reference order.

    Texts are sentence-split for ROUGE-Lsum; every text is tokenised once.
    """
    scorer, memo = _scorer(tuple(rouge_types), bool(use_stemmer))
    pred_text = memo.prepare(prediction)
    out = []
    for ref in references:
        raw = scorer.score(memo.prepare(ref), pred_text)
        out.append({k: RougeScore(v.precision, v.recall, v.fmeasure) for k, v in raw.items()})
    return out


def _headline_type(types: Sequence[str]) -> str:
    for preferred in _HEADLINE_PREFERENCE:
        if preferred in types:
            return preferred
    return types[0]


class _MemoTokenizer:
    """A rouge-score tokenizer that tokenises each distinct text once.

    :meth:`prepare` splits a text into sentences, tokenises each, and records the whole
    ``"\\n"``-joined text as the concatenation of its sentences' tokens (the tokenizer never
    makes a token across whitespace, so this equals tokenising it). Bounded: past
    ``max_entries`` the oldest entries are dropped.
    """

    def __init__(self, tokenizer: Any, max_entries: int = 20_000) -> None:
        self._tokenizer = tokenizer
        self._memo: OrderedDict[str, list[str]] = OrderedDict()
        self._max = max_entries

    def tokenize(self, text: str) -> list[str]:
        tokens = self._memo.get(text)
        if tokens is None:
            tokens = self._tokenizer.tokenize(text)
            self._store(text, tokens)
        return tokens

    def prepare(self, text: str) -> str:
        """``text`` as newline-separated sentences, with its tokens memoised."""
        sentences = split_sentences(text)
        joined = "\n".join(sentences)
        if joined not in self._memo:
            tokens: list[str] = []
            for sentence in sentences:
                tokens.extend(self.tokenize(sentence))
            self._store(joined, tokens)
        return joined

    def _store(self, text: str, tokens: list[str]) -> None:
        if len(self._memo) >= self._max:
            self._memo.popitem(last=False)
        self._memo[text] = tokens


class RougeTokenizer:
    """evalkit's :class:`~evalkit.tokenize.Tokenizer` with numbers cut as rouge-score cuts them.

    evalkit keeps ``3.5`` and ``1,200`` whole for token F1; rouge-score's tokenizer makes
    ``3``, ``5`` and ``1``, ``200`` of them. ROUGE is a published metric whose numbers are
    compared across papers, so here the number is cut at its ``.`` and ``,`` too: on ASCII
    text the tokens are rouge-score's own, while other scripts keep evalkit's Unicode tokens.
    """

    def __init__(self, use_stemmer: bool = True) -> None:
        from ..tokenize import Tokenizer

        self._tokenizer = Tokenizer(use_stemmer=use_stemmer)

    def tokenize(self, text: str) -> list[str]:
        out: list[str] = []
        for token in self._tokenizer.tokenize(text):
            if "." in token or "," in token:  # pieces stemmed as rouge-score stems them
                for piece in _NUMBER_PUNCT.split(token):
                    out.extend(self._tokenizer.tokenize(piece))
            else:
                out.append(token)
        return out


_NUMBER_PUNCT = re.compile(r"[.,]")


@lru_cache(maxsize=16)
def _scorer(rouge_types: tuple[str, ...], use_stemmer: bool) -> tuple[Any, _MemoTokenizer]:
    """The rouge-score scorer for these settings, built once, and its tokenizer memo."""
    _check_types(rouge_types)
    from rouge_score import rouge_scorer

    memo = _MemoTokenizer(RougeTokenizer(use_stemmer=use_stemmer))
    return rouge_scorer.RougeScorer(list(rouge_types), tokenizer=memo), memo


def unknown_rouge_types(rouge_types: Sequence[str]) -> list[str]:
    """The entries of ``rouge_types`` that rouge-score does not know, in order."""
    return [t for t in rouge_types if t not in _LCS_TYPES and not (isinstance(t, str) and _NGRAM_TYPE.fullmatch(t))]


def _check_types(rouge_types: tuple[str, ...]) -> None:
    bad = unknown_rouge_types(rouge_types)
    if bad:
        raise InputError(
            f"config.rouge_types: unknown {', '.join(map(repr, bad))}; "
            "expected rouge1..rouge9, rougeL or rougeLsum"
        )


__all__ = ["PART", "RougeScore", "RougeTokenizer", "rouge_against_references", "score_summary", "unknown_rouge_types"]
