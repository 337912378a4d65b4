"""Result assembly: micro/macro aggregation against scikit-learn, intervals against
evalkit.stats, JSON form, paired comparison, inputs."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

import evalkit
from evalkit.errors import InputError
from evalkit.model import Document, Entity, GoldDocument, Span, StructuredSummary
from evalkit.scoring import ScoringConfig, compare, score
from evalkit.stats import bootstrap_ci, paired_test

TEXT = " ".join(f"t{i:02d}" for i in range(40))  # every token is 3 characters + a space
TYPES = ["PERSON", "GPE", "ORG"]


def tok(i: int, n: int = 1) -> Span:
    start, end = 4 * i, 4 * (i + n) - 1
    return Span(start, end, TEXT[start:end])


def summary(mentions: dict[int, str]) -> StructuredSummary:
    """One entity per mention (token index -> type), names unique per token."""
    return StructuredSummary(
        entities=tuple(Entity(f"e{i}", t, f"name{i}", mentions=(tok(i),)) for i, t in sorted(mentions.items()))
    )


def gold_doc(doc_id: str, mentions: dict[int, str]) -> GoldDocument:
    return GoldDocument(Document(doc_id, TEXT), summary(mentions))


CONFIG = ScoringConfig(bootstrap=200)
BY_DOCUMENT = dataclasses.replace(CONFIG, unit="document")

corpus = st.lists(
    st.tuples(
        st.dictionaries(st.integers(0, 39), st.sampled_from(TYPES), max_size=6),
        st.dictionaries(st.integers(0, 39), st.sampled_from(TYPES), max_size=6),
    ),
    min_size=2,
    max_size=4,
)


def _score_corpus(pairs, config=CONFIG):
    golds = [gold_doc(f"d{k}", g) for k, (g, _) in enumerate(pairs)]
    preds = {f"d{k}": summary(p) for k, (_, p) in enumerate(pairs)}
    return score(golds, preds, config)


@given(corpus)
def test_micro_and_macro_over_types_equal_scikit_learn_on_typed_exact_matches(pairs):
    y_true, y_pred = [], []
    for g, p in pairs:
        for i in sorted(set(g) | set(p)):
            y_true.append(g.get(i, "O"))
            y_pred.append(p.get(i, "O"))
    labels = sorted({t for t in y_true + y_pred if t != "O"})
    result = _score_corpus(pairs)
    m = result["mentions.strict"]
    if not labels:
        assert m.values == {"precision": None, "recall": None, "f1": None}  # undefined, not 1.0
        return
    micro = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="micro", zero_division=0)
    macro = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro", zero_division=0)
    assert (m.values["precision"], m.values["recall"], m.values["f1"]) == pytest.approx(micro[:3])
    mt = m.macro_types
    assert (mt["precision"], mt["recall"], mt["f1"]) == pytest.approx(macro[:3])
    # entity level: one entity per mention with a unique name per token, so the same numbers
    e = result["entities.strict"]
    assert e.values["f1"] == pytest.approx(micro[2])


def test_micro_sums_counts_and_macro_over_documents_averages_values():
    # d0: gold 2, predicted 1 correct; d1: gold 1, predicted 3 with 1 correct
    pairs = [({0: "PERSON", 2: "GPE"}, {0: "PERSON"}), ({5: "ORG"}, {5: "ORG", 7: "ORG", 9: "ORG"})]
    m = _score_corpus(pairs)["mentions.strict"]
    assert (m.stat.tp, m.stat.fp, m.stat.fn) == (2, 2, 1)
    assert m.values["precision"] == pytest.approx(2 / 4)
    assert m.values["recall"] == pytest.approx(2 / 3)
    f1_d0, f1_d1 = 2 * 1 / (2 + 0 + 1), 2 * 1 / (2 + 2 + 0)
    assert m.macro_documents["f1"] == pytest.approx((f1_d0 + f1_d1) / 2)
    assert m.documents == 2


def test_corpus_intervals_resample_documents_as_evalkit_stats_does():
    pairs = [({0: "PERSON", 2: "GPE"}, {0: "PERSON"}), ({5: "ORG"}, {5: "ORG", 7: "ORG"}), ({1: "GPE"}, {1: "GPE"})] * 2
    result = _score_corpus(pairs)
    assert result.resampling_unit == "document"  # auto: six documents are enough
    rows = np.array([d.metric("mentions.strict").as_stats() for d in result.documents])
    ref = bootstrap_ci(rows, "prf", n=CONFIG.bootstrap, seed=CONFIG.seed, alpha=CONFIG.alpha)
    got = result["mentions.strict"].ci
    for k, iv in ref.values.items():
        assert got[k] == (iv.low, iv.high)
    # a per-type metric absent from a document contributes a zero row there
    rows = np.array([(d.metric("mentions.strict/ORG") or evalkit.scoring.Counts()).as_stats() for d in result.documents])
    ref = bootstrap_ci(rows, "prf", n=CONFIG.bootstrap, seed=CONFIG.seed)
    assert result["mentions.strict/ORG"].ci["f1"] == (ref.values["f1"].low, ref.values["f1"].high)


def test_a_single_document_resamples_its_items():
    g = gold_doc("d", {0: "PERSON", 2: "GPE", 4: "ORG", 8: "ORG", 10: "GPE", 12: "PERSON"})
    result = score(g, summary({0: "PERSON", 2: "ORG", 6: "GPE", 8: "ORG", 12: "PERSON"}), CONFIG)
    assert result.resampling_unit == "item"  # auto: one document is too few
    part = result.documents[0].parts["mentions"]
    rows = np.array([e.contribution.as_stats() for e in part.items])
    assert len(rows) == 7  # 6 gold mentions and 1 spurious prediction
    ref = bootstrap_ci(rows, "prf", n=CONFIG.bootstrap, seed=CONFIG.seed)
    assert result["mentions.strict"].ci["f1"] == (ref.values["f1"].low, ref.values["f1"].high)
    lo, hi = result["mentions.strict"].ci["f1"]
    assert lo < result["mentions.strict"].values["f1"] < hi  # a real interval, not the point
    # item units exist for the headline only: other metrics say so instead of a number
    assert result["mentions.partial"].ci["f1"] == (None, None)
    assert result["mentions.partial"].ci_reason.startswith("no per-item units")


def test_one_document_at_unit_document_has_no_interval_pretending_certainty():
    g = gold_doc("d", {0: "PERSON", 2: "GPE", 4: "ORG", 8: "ORG", 10: "GPE", 12: "PERSON"})
    result = score(g, summary({0: "PERSON", 2: "ORG", 6: "GPE"}), BY_DOCUMENT)
    m = result["mentions.strict"]
    # Resampling one document reproduces it: the old answer was the zero-width (point, point).
    assert m.values["f1"] == pytest.approx(2 * 1 / (2 * 1 + 2 + 5))  # tp 1 (t00), fp 2 (t02 retyped, t06), fn 5
    assert m.ci["f1"] == (None, None)
    assert m.units == 1 and m.ci_reason == "not enough units (1 < 6)"
    assert result.signature.endswith("|unit:document")


def test_to_dict_is_plain_json_with_a_stable_order():
    pairs = [({0: "PERSON", 2: "GPE"}, {0: "PERSON", 3: "ORG"}), ({5: "ORG"}, {5: "ORG"})]
    a = _score_corpus(pairs).to_dict()
    b = _score_corpus(pairs).to_dict()
    assert json.dumps(a) == json.dumps(b)

    def plain(x):
        if isinstance(x, dict):
            return all(isinstance(k, str) and plain(v) for k, v in x.items())
        if isinstance(x, list):
            return all(plain(v) for v in x)
        return x is None or type(x) in (str, int, float, bool)

    assert plain(a)
    names = list(a["metrics"])
    parts = [n.split(".")[0] for n in names]
    order = ["entities", "mentions", "numbers", "attributions", "summary"]
    assert parts == sorted(parts, key=order.index)
    assert a["headlines"]["mentions"] == "mentions.strict"
    m = a["metrics"]["mentions.strict"]
    assert set(m) >= {"counts", "values", "ci", "macro_documents", "macro_types"}
    assert a["documents"][0]["parts"]["mentions"]["items"][0]["bucket"] in evalkit.scoring.BUCKETS


def test_type_agreement_matches_scikit_learn():
    gold = {0: "PERSON", 1: "GPE", 2: "GPE", 3: "ORG", 4: "PERSON"}
    pred = {0: "PERSON", 1: "ORG", 2: "GPE", 3: "ORG", 4: "GPE", 9: "ORG"}
    result = score(gold_doc("d", gold), summary(pred), CONFIG)
    ta = result.type_agreement
    y_true = [gold[i] for i in range(5)]
    y_pred = [pred[i] for i in range(5)]
    labels = sorted(set(y_true) | set(y_pred))
    assert ta.labels == tuple(labels)
    assert [list(r) for r in ta.matrix] == confusion_matrix(y_true, y_pred, labels=labels).tolist()
    assert ta.kappa == pytest.approx(cohen_kappa_score(y_true, y_pred))
    assert ta.pairs == 5


def test_compare_runs_the_paired_test_on_every_metric():
    gold = [gold_doc(f"d{k}", {0: "PERSON", 2: "GPE", 4: "ORG"}) for k in range(6)]
    a = score(gold, {f"d{k}": summary({0: "PERSON"}) for k in range(6)}, CONFIG)
    b = score(gold, {f"d{k}": summary({0: "PERSON", 2: "GPE", 4: "GPE" if k else "ORG"}) for k in range(6)}, CONFIG)
    for method in ("bootstrap", "randomisation"):
        c = compare(a, b, method)
        assert c.unit == "document"
        assert set(c.metrics) == set(a.metrics) | set(b.metrics)
        for name in ("mentions.strict", "entities.strict", "mentions.strict/GPE"):
            sa = np.array([d.metric(name).as_stats() for d in a.documents]) if name in a.metrics else np.zeros((6, 3))
            sb = np.array([d.metric(name).as_stats() for d in b.documents])
            ref = paired_test(sa, sb, "prf", method, n=CONFIG.bootstrap, seed=CONFIG.seed)
            assert c[name].p == ref.p_values and c[name].delta == ref.deltas
        assert c["mentions.strict"].delta["f1"] > 0
    assert json.loads(json.dumps(c.to_dict()))["method"] == "randomisation"


def test_compare_refuses_incomparable_results():
    gold = [gold_doc(f"d{k}", {0: "PERSON"}) for k in range(2)]
    preds = {f"d{k}": summary({0: "PERSON"}) for k in range(2)}
    a = score(gold, preds, CONFIG)
    with pytest.raises(InputError, match="norm: default != loose"):
        compare(a, score(gold, preds, ScoringConfig(bootstrap=200, profile="loose")))
    with pytest.raises(InputError, match="gold"):
        compare(a, score(gold[:1], {"d0": preds["d0"]}, CONFIG))


def test_compare_on_one_document_says_not_enough_units_instead_of_refusing_or_p_one():
    g = gold_doc("d0", {0: "PERSON", 2: "GPE", 4: "ORG"})
    one_a = score(g, summary({0: "PERSON", 2: "GPE", 4: "ORG"}), BY_DOCUMENT)
    one_b = score(g, summary({0: "PERSON"}), BY_DOCUMENT)
    c = compare(one_a, one_b)
    m = c["mentions.strict"]
    assert m.delta["f1"] == pytest.approx(0.5 - 1.0)
    assert m.p == {"precision": None, "recall": None, "f1": None}
    assert m.units == 1 and m.reason == "not enough units (1 < 6)"


def test_macro_over_documents_leaves_out_documents_where_the_metric_is_undefined():
    # Two documents, the second with no gold mentions; nothing predicted. The second is
    # undefined (0/0), not a perfect 1.0: macro F1 is 0 over one document, not 0.5 over two.
    golds = [gold_doc("d0", {0: "PERSON", 2: "GPE"}), gold_doc("d1", {})]
    result = score(golds, {"d0": summary({}), "d1": summary({})}, CONFIG)
    m = result["mentions.strict"]
    assert m.macro_documents["f1"] == 0.0 and m.documents == 1
    assert result.to_dict()["metrics"]["mentions.strict"]["documents"] == 1


def test_a_type_nobody_has_is_undefined_and_never_scores_one():
    # `empty` on gold with PERSON in one document of six: resamples without that document used
    # to count 0/0 as F1 = 1, giving 0.000 (0.000-1.000).
    golds = [gold_doc("d0", {0: "PERSON"})] + [gold_doc(f"d{k}", {2: "GPE"}) for k in range(1, 6)]
    result = score(golds, {g.document.id: summary({}) for g in golds}, CONFIG)
    assert result.resampling_unit == "document"
    m = result["mentions.strict/PERSON"]
    assert m.values["f1"] == 0.0 and m.ci["f1"] == (0.0, 0.0)
    for name, metric in result.metrics.items():
        if metric.kind == "prf":
            assert metric.values["f1"] != 1.0 and (metric.ci["f1"][1] or 0.0) < 1.0, name


def test_missing_predictions_score_as_empty_and_unknown_ones_are_errors():
    gold = [gold_doc("d0", {0: "PERSON"}), gold_doc("d1", {1: "GPE"})]
    result = score(gold, {"d0": summary({0: "PERSON"})}, CONFIG)
    assert result.missing_predictions == ("d1",)
    assert result["mentions.strict"].values["recall"] == pytest.approx(0.5)
    with pytest.raises(InputError, match="'dx' is not in the gold"):
        score(gold, {"dx": StructuredSummary()}, CONFIG)
    with pytest.raises(InputError, match="mapping from document id"):
        score(gold, StructuredSummary(), CONFIG)
    with pytest.raises(InputError, match="also used"):
        score([gold[0], gold[0]], {}, CONFIG)


def test_bad_settings_are_reported_together():
    with pytest.raises(InputError) as exc:
        score(gold_doc("d", {}), StructuredSummary(), ScoringConfig(profile="odd", bootstrap=0, seed=-1, alpha=2.0))
    text = str(exc.value)
    assert "profile" in text and "bootstrap" in text and "seed" in text and "alpha" in text


def test_settings_of_the_wrong_type_or_unknown_rouge_types_are_reported_not_raised():
    config = ScoringConfig(number_rel_tol="0.1", content_threshold=None, alpha="0.05", rouge_types=("rouge1", "rouge0"))  # type: ignore[arg-type]
    with pytest.raises(InputError) as exc:
        score(gold_doc("d", {}), StructuredSummary(), config)  # no summaries: ROUGE never runs
    text = str(exc.value)
    for fragment in ("number_rel_tol", "content_threshold", "alpha", "rouge_types: unknown 'rouge0'"):
        assert fragment in text, fragment


def test_shipped_gold_against_itself_is_perfect_on_every_count_metric():
    from pathlib import Path

    from evalkit.gold import load_gold

    gold = load_gold(Path(__file__).resolve().parent.parent / "gold")
    result = score(gold, {g.document.id: g.gold for g in gold}, CONFIG)
    assert {"entities.strict", "mentions.strict", "numbers.strict", "attributions.joint.overlap", "summary.rougeLsum.max"} <= set(result.metrics)
    for name, m in result.metrics.items():
        if m.kind == "prf":
            assert m.values == {"precision": 1.0, "recall": 1.0, "f1": 1.0}, name
        elif name.endswith(".max"):
            assert m.values["value"] == pytest.approx(1.0), name
    assert result.type_agreement.kappa == pytest.approx(1.0)
    assert {d.doc_id for d in result.documents} == {g.document.id for g in gold}


def test_score_is_exported_lazily_from_the_package():
    import subprocess
    import sys

    code = "import sys, evalkit; assert 'evalkit.scoring' not in sys.modules; evalkit.score; assert 'evalkit.scoring' in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert evalkit.score is score
