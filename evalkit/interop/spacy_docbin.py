"""spaCy ``DocBin`` files (``.spacy``) → :class:`~evalkit.interop.base.ToolDocument` (import only).

A ``.spacy`` file is spaCy's binary training format (``spacy.tokens.DocBin``), read here with
spaCy itself (the optional ``spacy`` extra, imported only when such a file is imported). Each
``Doc`` gives its text, its ``doc.ents`` as mentions (OntoNotes labels; numeric ones such as
``CARDINAL`` or ``DATE`` become number facts, see :data:`~evalkit.interop.base.DEFAULT_LABEL_MAP`)
and, when present, coreference clusters as span groups named ``coref_clusters_*`` (the
convention of spaCy's experimental coreference component): mentions in one cluster are one
entity. A document id is taken from ``doc.user_data["doc_id"]`` when the file stores user data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import GoldError, InputError, Problem
from .base import COREF, Capabilities, Link, Loss, Region, ToolDocument, document_id

NAME = "spacy"
CAPABILITIES = Capabilities(links=True, attributes=False, summaries=False, metadata=False)
COREF_GROUP_PREFIX = "coref_clusters"


def read(path: Path, loss: list[Loss]) -> Iterator[ToolDocument]:
    """Every ``Doc`` of a ``.spacy`` file."""
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise InputError(f"{path}: reading .spacy files needs spaCy (pip install 'evalkit[spacy]')") from None
    try:
        docbin = DocBin(store_user_data=True).from_disk(path)
        docs = list(docbin.get_docs(spacy.blank("xx").vocab))
    except (ValueError, KeyError, OSError, TypeError) as exc:
        raise GoldError(Problem(str(path), None, f"not a spaCy DocBin file ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")) from None
    except Exception as exc:  # srsly/msgpack raise their own types on a corrupt file
        raise GoldError(Problem(str(path), None, f"not a spaCy DocBin file ({type(exc).__name__})")) from None
    for i, doc in enumerate(docs, start=1):
        where = f"{path} doc {i}"
        stored_id = doc.user_data.get("doc_id")
        wanted = stored_id if isinstance(stored_id, str) else (path.stem if len(docs) == 1 else f"{path.stem}-{i}")
        td = ToolDocument(document_id(wanted, f"document-{i}"), doc.text, where=where)
        by_offsets: dict[tuple[int, int], str] = {}
        for k, ent in enumerate(doc.ents, start=1):
            rid = f"ent{k}"
            by_offsets[(ent.start_char, ent.end_char)] = rid
            td.regions.append(Region(rid, ent.start_char, ent.end_char, ent.text, ent.label_))
        for key, group in doc.spans.items():
            if not key.startswith(COREF_GROUP_PREFIX):
                loss.append(Loss(where, f"span group {key!r} ({len(group)} spans) has no evalkit meaning", f"span group {key}"))
                continue
            members = [by_offsets.get((s.start_char, s.end_char)) for s in group]
            missing = [s.text for s, m in zip(group, members) if m is None]
            if missing:
                loss.append(Loss(where, f"coreference cluster {key!r}: {', '.join(repr(t) for t in missing)} are not entities (doc.ents) and are left out", "cluster members that are not entities"))
            kept = [m for m in members if m is not None]
            td.links.extend(Link(COREF, m, kept[0]) for m in kept[1:])
        yield td
