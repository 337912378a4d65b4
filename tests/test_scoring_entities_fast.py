"""Entity scoring's shortcuts against the general path, on crowded generated entities.

``score_entities`` takes each type's strict alignment from the overall one where the solver
would cut both the same way, and builds explanations only when they are read. The reference
here aligns every type on its own with :func:`evalkit.scoring.align.align_levels` (through
the scorer's own relation matrices) and builds the explanations eagerly.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from evalkit.model import Document, Entity, Span, StructuredSummary
from evalkit.scoring.align import alignment_counts
from evalkit.scoring.config import ScoringConfig
from evalkit.scoring.entities import _explain, _Pairs, score_entities

TEXT = "Kyiv Moscow Ankara Zelenskyy Putin NATO"
DOC = Document("d", TEXT)
NAMES = ["Kyiv", "Moscow", "Putin", "NATO", "kyiv"]
TYPES = ["PERSON", "GPE", "ORG", ""]
spans = st.builds(lambda s, n: Span(s, s + n, TEXT[s : s + n]), st.integers(0, 30), st.integers(1, 6))


@st.composite
def summaries(draw, prefix: str):
    ents = []
    for i in range(draw(st.integers(0, 7))):
        ents.append(
            Entity(
                f"{prefix}{i}",
                draw(st.sampled_from(TYPES)),
                draw(st.sampled_from(NAMES)),
                aliases=tuple(draw(st.lists(st.sampled_from(NAMES), max_size=2))),
                mentions=tuple(draw(st.lists(spans, max_size=2))),
            )
        )
    if ents and draw(st.booleans()):  # a verbatim repeat
        ents.append(Entity(f"{prefix}copy", ents[0].type, ents[0].name, ents[0].aliases, ents[0].mentions))
    return StructuredSummary(entities=tuple(ents))


@given(summaries("g"), summaries("p"))
def test_per_type_and_explanations_equal_the_general_path(gold, pred):
    ps = score_entities(gold, pred, DOC, ScoringConfig())
    pairs = _Pairs(gold.entities, pred.entities, "default")
    g_types = np.array([e.type for e in gold.entities], dtype=object)
    p_types = np.array([e.type for e in pred.entities], dtype=object)
    for t in {e.type for e in gold.entities} | {e.type for e in pred.entities}:
        sub = pairs.strict(np.flatnonzero(g_types == t), np.flatnonzero(p_types == t))
        counts, units = alignment_counts(sub)
        name = f"entities.strict/{t or 'UNTYPED'}"
        assert ps.metrics[name] == counts, name
        assert ps.units[name] == units, name
    strict = pairs.strict()
    assert ps.metrics["entities.strict"] == alignment_counts(strict)[0]
    assert tuple(ps.items) == tuple(_explain(strict, pairs, gold.entities, pred.entities))
    assert len(ps.items) == len(gold.entities) + len(pred.entities) - sum(1 for e in ps.items if e.gold and e.pred)
