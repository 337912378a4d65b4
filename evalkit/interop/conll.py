"""CoNLL-2003 named-entity columns → :class:`~evalkit.interop.base.ToolDocument` (import only).

The format (CoNLL-2003 shared task): one token per line, space- or tab-separated columns with
the token first and the NER tag last (``EU NNP B-NP B-ORG``), a blank line between
sentences, and ``-DOCSTART- -X- -X- O`` lines between documents. Tags are BIO: the original
data uses IOB1 (``I-`` opens an entity unless it continues one of the same type; ``B-`` only
separates two adjacent entities of one type), later copies IOB2 (every entity opens with
``B-``); both read the same here. ``E-``/``S-`` (BIOES) are read too.

CoNLL keeps tokens, not the text, so the article text is rebuilt: tokens joined by one space,
sentences by a line break. That text is written as the document's seed; offsets refer to it.
CoNLL holds no coreference, so mentions with the same surface and type are one entity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import GoldError, Problem
from .base import Capabilities, Loss, Region, ToolDocument, document_id, read_text

NAME = "conll"
CAPABILITIES = Capabilities(links=False, attributes=False, summaries=False, metadata=False)


def read(path: Path, loss: list[Loss]) -> Iterator[ToolDocument]:
    """Every document of a CoNLL file (split at ``-DOCSTART-``; a file without one is one document)."""
    shown = str(path)
    lines = read_text(path).split("\n")
    docs: list[tuple[int, list[list[tuple[int, str, str]]]]] = []
    sentence: list[tuple[int, str, str]] = []
    current: list[list[tuple[int, str, str]]] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        cols = line.split()
        if cols and cols[0] == "-DOCSTART-":
            if sentence and current is not None:
                current.append(sentence)
            sentence = []
            current = []
            docs.append((number, current))
            continue
        if not cols:
            if sentence:
                if current is None:
                    current = []
                    docs.append((number, current))
                current.append(sentence)
                sentence = []
            continue
        if len(cols) < 2:
            raise GoldError(Problem(shown, number, "expected a token and a tag (columns separated by spaces)"))
        sentence.append((number, cols[0], cols[-1]))
    if sentence:
        if current is None:
            current = []
            docs.append((len(lines), current))
        current.append(sentence)
    docs = [(n, d) for n, d in docs if d]
    for i, (number, sentences) in enumerate(docs, start=1):
        wanted = path.stem if len(docs) == 1 else f"{path.stem}-{i}"
        yield _document(sentences, document_id(wanted, f"document-{i}"), f"{shown}:{number}", shown)


def _document(sentences: list[list[tuple[int, str, str]]], doc_id: str, where: str, shown: str) -> ToolDocument:
    parts: list[str] = []
    regions: list[Region] = []
    offset = 0
    open_: tuple[int, int, str, int] | None = None  # start, end, type, line

    def close() -> None:
        nonlocal open_
        if open_ is not None:
            s, e, t, _ = open_
            regions.append(Region(f"c{len(regions) + 1}", s, e, "".join(parts)[s:e], t))
            open_ = None

    for k, sentence in enumerate(sentences):
        if k:
            parts.append("\n")
            offset += 1
        for j, (number, token, tag) in enumerate(sentence):
            if j:
                parts.append(" ")
                offset += 1
            start, end = offset, offset + len(token)
            parts.append(token)
            offset = end
            prefix, _, etype = tag.partition("-")
            if tag == "O":
                close()
            elif prefix in ("B", "I", "E", "S") and etype:
                continues = open_ is not None and open_[2] == etype and prefix in ("I", "E")
                if continues:
                    assert open_ is not None
                    open_ = (open_[0], end, etype, open_[3])
                else:
                    close()
                    open_ = (start, end, etype, number)
                if prefix in ("E", "S"):
                    close()
            else:
                raise GoldError(Problem(shown, number, f"tag {tag!r} is not O, B-TYPE, I-TYPE, E-TYPE or S-TYPE"))
        close()
    text = "".join(parts)
    fixed = [Region(r.id, r.start, r.end, text[r.start : r.end], r.label) for r in regions]
    return ToolDocument(doc_id, text, fixed, where=where)
