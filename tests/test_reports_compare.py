"""evalkit compare: deltas and paired tests recomputed from the per-document counts in reports."""

from __future__ import annotations

import json

import numpy as np
import pytest
from report_samples import synthetic_report

from evalkit.cli import main
from evalkit.reports.canonical import atomic_write, canonical_json
from evalkit.reports.compare import compare_reports
from evalkit.reports.model import report_to_dict
from evalkit.stats import paired_test

A_ROWS = [(5, 1, 2), (3, 0, 1), (4, 2, 0), (6, 1, 1), (2, 2, 2)]
B_ROWS = [(6, 0, 1), (3, 1, 1), (5, 1, 0), (6, 0, 1), (3, 1, 1)]


def test_deltas_and_p_values_match_the_stats_module():
    a, b = synthetic_report({"x": A_ROWS}), synthetic_report({"x": B_ROWS})
    for method in ("bootstrap", "randomisation"):
        (pair,) = compare_reports(a, b, method=method).pairs
        (c,) = pair.metrics.values()
        f1 = lambda rows: 2 * sum(r[0] for r in rows) / sum(2 * r[0] + r[1] + r[2] for r in rows)  # noqa: E731
        assert c.a_value.point == pytest.approx(f1(A_ROWS)) and c.b_value.point == pytest.approx(f1(B_ROWS))
        assert c.delta_value == pytest.approx(f1(B_ROWS) - f1(A_ROWS))
        reference = paired_test(np.array(A_ROWS, float), np.array(B_ROWS, float), "prf", method, 200, 7)
        assert c.p_value == reference.p_values["f1"]
        assert c.units == 5


def test_all_metrics_and_named_metrics():
    a = synthetic_report({"x": A_ROWS}, summary={"x": [0.1, 0.2, 0.3, 0.4, 0.5]})
    b = synthetic_report({"x": B_ROWS}, summary={"x": [0.2, 0.2, 0.3, 0.4, 0.6]})
    (pair,) = compare_reports(a, b, all_metrics=True).pairs
    assert list(pair.metrics) == ["entities.strict", "summary.rougeL.max"]
    (pair,) = compare_reports(a, b, metrics=["summary.rougeL.max"]).pairs
    (c,) = pair.metrics.values()
    assert c.stat == "value" and c.delta_value == pytest.approx(0.04)


def test_compare_command(tmp_path, capsys):
    pa, pb = tmp_path / "a.json", tmp_path / "b" / "report.json"
    atomic_write(pa, canonical_json(report_to_dict(synthetic_report({"x": A_ROWS}))))
    atomic_write(pb, canonical_json(report_to_dict(synthetic_report({"x": B_ROWS}))))
    assert main(["compare", str(pa), str(pb.parent), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (pair,) = data["pairs"]
    assert set(pair["metrics"]) == {"entities.strict"}
    assert main(["compare", str(pa), str(pb)]) == 0
    out = capsys.readouterr().out
    assert "entities.strict" in out and "Δ (B−A)" in out
    assert main(["compare", str(pa), str(tmp_path / "missing.json")]) == 2


def test_compare_command_output_file(tmp_path, capsys):
    pa, pb = tmp_path / "a.json", tmp_path / "b.json"
    atomic_write(pa, canonical_json(report_to_dict(synthetic_report({"x": A_ROWS}))))
    atomic_write(pb, canonical_json(report_to_dict(synthetic_report({"x": B_ROWS}))))
    table = tmp_path / "out" / "table.txt"
    assert main(["compare", str(pa), str(pb), "--output", str(table)]) == 0
    assert "entities.strict" in table.read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    for fmt in ("terminal", "json"):
        target = blocker / "out.txt"
        assert main(["compare", str(pa), str(pb), "--format", fmt, "--output", str(target)]) == 2
        err = capsys.readouterr().err
        assert f"{target}: cannot write" in err and "Traceback" not in err


@pytest.mark.parametrize("unit", ["item", "sentence", "document"])
def test_api_and_cli_compare_run_one_engine_and_agree(unit):
    # The API compare() refused one document while the CLI printed p = 1; now both run
    # evalkit.scoring.units.paired on the same data and give the same answer at every unit.
    import dataclasses

    from report_samples import FAST, make_report, sample_gold

    from evalkit.extractors.base import ExtractorInfo
    from evalkit.reports.compare import compare_reports
    from evalkit.scoring import compare, score

    config = dataclasses.replace(FAST, unit=unit)
    gold = [sample_gold(f"d{k}") for k in range(3)]
    good = {g.document.id: g.gold for g in gold}
    worse = {g.document.id: dataclasses.replace(g.gold, entities=g.gold.entities[:1], numbers=()) for g in gold}
    info = ExtractorInfo("x", None, "1", {})
    report_a = make_report(gold, {"x": (info, good)}, config)
    report_b = make_report(gold, {"x": (info, worse)}, config)
    assert report_a.signature.endswith(f"|unit:{unit}")
    cli = compare_reports(report_a, report_b, all_metrics=True).pairs[0].metrics
    api = compare(score(gold, good, config), score(gold, worse, config))
    assert api.unit == unit
    for name in ("entities.strict", "mentions.strict", "numbers.strict"):
        assert cli[name].p_value == api[name].p["f1"], name
        assert cli[name].units == api[name].units and cli[name].reason == api[name].reason, name
    if unit == "document":  # three documents: too few to test
        assert cli["mentions.strict"].p_value is None and cli["mentions.strict"].reason == "not enough units (3 < 6)"
    else:  # finer units make a real test on three documents
        assert cli["mentions.strict"].units >= 6 and cli["mentions.strict"].p_value is not None
        assert cli["mentions.strict"].p_value < 0.05


@pytest.mark.parametrize("documents", [1, 7])
def test_evalkit_compare_and_the_compare_command_give_the_same_numbers(documents, tmp_path, capsys):
    # On one document the API listed metrics the command left out (a type only B predicted);
    # now both compare every metric either system has, through one engine, with one answer.
    import dataclasses

    from report_samples import FAST, TEXT, make_report, sample_gold, span

    import evalkit
    from evalkit.extractors.base import ExtractorInfo
    from evalkit.model import Entity

    gold = [sample_gold(f"d{k}") for k in range(documents)]
    good = {g.document.id: g.gold for g in gold}
    extra = Entity("x1", "ORG", "officials", (), (span(TEXT, "officials"),))
    worse = {
        g.document.id: dataclasses.replace(g.gold, entities=(*g.gold.entities[1:], extra), numbers=()) for g in gold
    }
    info = ExtractorInfo("x", None, "1", {})
    paths = []
    for name, preds in (("a", good), ("b", worse)):
        path = tmp_path / f"{name}.json"
        atomic_write(path, canonical_json(report_to_dict(make_report(gold, {"x": (info, preds)}, FAST))))
        paths.append(str(path))
    assert main(["compare", *paths, "--all", "--format", "json"]) == 0
    (pair,) = json.loads(capsys.readouterr().out)["pairs"]
    api = evalkit.compare(evalkit.score(gold, good, FAST), evalkit.score(gold, worse, FAST))
    assert "mentions.strict/ORG" in api.metrics  # only B has it
    assert sorted(pair["metrics"]) == sorted(api.metrics)
    for name, cli in pair["metrics"].items():
        m = api[name]
        assert cli["stat"] == m.stat, name
        assert cli["p"] == (None if m.p_value is None else pytest.approx(m.p_value, abs=1e-6)), name
        assert cli["delta"] == (None if m.delta_value is None else pytest.approx(m.delta_value, abs=1e-6)), name
        assert cli["a"]["point"] == (None if m.a_value.point is None else pytest.approx(m.a_value.point, abs=1e-6)), name
        assert (cli["units"], cli["reason"]) == (m.units, m.reason), name
    assert api["mentions.strict"].delta_value < 0
    if documents > 1:  # one document has too few units for any test; seven have enough
        assert any(m.p_value is not None for m in api.metrics.values())


def test_a_result_as_an_extractor_report_loses_nothing_a_comparison_reads():
    import dataclasses

    from report_samples import FAST, sample_gold

    from evalkit.reports.build import extractor_report
    from evalkit.reports.compare import Scored, compare_scores, unit_sources
    from evalkit.scoring import compare, score

    config = dataclasses.replace(FAST, unit="item")
    gold = [sample_gold(f"d{k}") for k in range(2)]
    worse = {g.document.id: dataclasses.replace(g.gold, entities=g.gold.entities[1:]) for g in gold}
    result_a, result_b = score(gold, {g.document.id: g.gold for g in gold}, config), score(gold, worse, config)
    ea, eb = extractor_report(result_a, "a"), extractor_report(result_b, "b")
    for name, m in result_b.metrics.items():
        kept = eb.metrics[name]
        assert kept.stat == m.stat and {k: v.point for k, v in kept.values.items()} == dict(m.values), name
        assert {k: (v.low, v.high) for k, v in kept.values.items()} == dict(m.ci) and kept.reason == m.ci_reason, name
    for d, kept in zip(result_b.documents, eb.documents):
        assert kept.id == d.doc_id and kept.explanations == d.items()
        assert {n: m.stat for n, m in kept.metrics.items()} == {n: s for p in d.parts.values() for n, s in p.metrics.items()}
    ids = [g.document.id for g in gold]
    texts = {g.document.id: g.document.text for g in gold}
    via_reports = compare_scores(
        Scored(ea.metrics, unit_sources(ea, ids, texts)), Scored(eb.metrics, unit_sources(eb, ids, texts)), list(ea.metrics),
        signature=result_a.signature, n=config.bootstrap, seed=config.seed, alpha=config.alpha, unit="item",
    )
    api = compare(result_a, result_b)
    assert via_reports.metrics == {name: api[name] for name in ea.metrics}
