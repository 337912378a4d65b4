"""The regression gate: tolerance rules, verdicts, exit codes, --update, and the end-to-end CI flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import SIGNATURE, synthetic_report

from evalkit.cli import main
from evalkit.errors import InputError
from evalkit.reports.canonical import atomic_write, canonical_json, load_report
from evalkit.reports.gate import DEFAULT_TOLERANCE, Tolerance, check_reports, parse_tolerance
from evalkit.reports.model import report_to_dict

ROOT = Path(__file__).resolve().parent.parent


def write(report, path: Path) -> Path:
    atomic_write(path, canonical_json(report_to_dict(report)))
    return path


# --- tolerance -------------------------------------------------------------------------------


def test_parse_tolerance_forms():
    assert parse_tolerance(None) == Tolerance(DEFAULT_TOLERANCE, {})
    assert parse_tolerance("0.05") == Tolerance(0.05, {})
    t = parse_tolerance("f1=0.01,rougeLsum=0.02")
    assert t.default == DEFAULT_TOLERANCE and t.overrides == {"f1": 0.01, "rougeLsum": 0.02}
    t = parse_tolerance("0.03, entities=0.1")
    assert t.default == 0.03 and t.overrides == {"entities": 0.1}


@pytest.mark.parametrize("spec", ["abc", "f1=x", "=0.1", "1.5", "f1=-0.1"])
def test_parse_tolerance_rejects(spec):
    with pytest.raises(InputError, match="--tolerance"):
        parse_tolerance(spec)


def test_tolerance_lookup_most_specific_first():
    t = Tolerance(0.5, {"mentions.strict": 0.1, "mentions": 0.2, "strict": 0.3, "f1": 0.4, "rougeLsum": 0.6})
    assert t.for_metric("mentions.strict", "f1") == 0.1
    assert t.for_metric("mentions.partial", "f1") == 0.2
    assert t.for_metric("entities.strict", "f1") == 0.3
    assert t.for_metric("numbers.lenient", "f1") == 0.4
    assert t.for_metric("summary.rougeLsum.max", "value") == 0.6
    assert t.for_metric("summary.rouge1.max", "value") == 0.5
    assert t.for_metric("mentions.strict/PERSON", "f1") == 0.1  # a breakdown follows its metric


# --- verdicts --------------------------------------------------------------------------------

GOOD = [(9, 1, 1)] * 8  # F1 = 18/20 = 0.9 per document and overall
WORSE = [(8, 2, 2)] * 8  # F1 = 16/20 = 0.8


def test_unchanged_report_passes():
    base = synthetic_report({"x": GOOD})
    outcome = check_reports(base, synthetic_report({"x": GOOD}))
    assert outcome.passed
    assert [c.metric for c in outcome.checks] == ["entities.strict"]
    assert outcome.checks[0].comparison.delta_value == 0.0


def test_drop_beyond_tolerance_fails_and_is_significant():
    outcome = check_reports(synthetic_report({"x": GOOD}), synthetic_report({"x": WORSE}))
    assert not outcome.passed
    (c,) = outcome.failures
    assert c.comparison.a_value.point == pytest.approx(0.9) and c.comparison.b_value.point == pytest.approx(0.8)
    assert c.comparison.delta_value == pytest.approx(-0.1)
    # every document drops by the same amount: the centred bootstrap never reaches |delta|,
    # so p is the add-one floor 1/(n+1) with the config's 200 resamples
    assert c.comparison.p_value == pytest.approx(1 / 201)
    assert c.significant


def test_drop_within_tolerance_passes_and_boundary_is_allowed():
    base, cur = synthetic_report({"x": GOOD}), synthetic_report({"x": WORSE})
    assert check_reports(base, cur, Tolerance(0.2)).passed
    assert check_reports(base, cur, Tolerance(0.1)).passed  # a drop of exactly the tolerance passes
    assert not check_reports(base, cur, Tolerance(0.09)).passed
    assert check_reports(base, cur, parse_tolerance("entities=0.15")).passed


def test_improvement_never_fails():
    assert check_reports(synthetic_report({"x": WORSE}), synthetic_report({"x": GOOD}), Tolerance(0.0)).passed


def test_require_significance_lets_noise_through():
    # eight documents: four improve, four collapse: a large drop overall, but the paired test
    # over documents whose deltas disagree in sign cannot call it significant
    base = synthetic_report({"x": [(3, 2, 2)] * 8})
    cur = synthetic_report({"x": [(5, 0, 0), (0, 5, 5)] * 4})
    plain = check_reports(base, cur)
    strict = check_reports(base, cur, require_significance=True)
    assert not plain.passed
    assert plain.failures[0].comparison.tested and not plain.failures[0].significant
    assert strict.passed


@pytest.mark.parametrize("documents", [1, 2, 5])
def test_an_untestable_drop_fails_the_significance_gate_with_the_reason(documents):
    # One document, F1 0.9 -> 0.1: "gate passed" with p = 1 used to let this through.
    base = synthetic_report({"x": [(9, 1, 1)] * documents})
    cur = synthetic_report({"x": [(1, 9, 9)] * documents})
    outcome = check_reports(base, cur, require_significance=True)
    assert not outcome.passed
    (c,) = outcome.failures
    assert c.comparison.p_value is None and not c.significant
    assert c.comparison.reason == f"not enough units ({documents} < 6)"
    assert "not tested: not enough units" in c.describe()


def test_an_untestable_metric_without_a_drop_passes_and_says_it_was_not_tested():
    from evalkit.reports.terminal import gate_lines

    outcome = check_reports(synthetic_report({"x": [(9, 1, 1)]}), synthetic_report({"x": [(9, 1, 1)]}), require_significance=True)
    assert outcome.passed
    lines = gate_lines(outcome)
    assert any(line.startswith("note 1 metric(s) not tested for significance (not enough units (1 < 6))") for line in lines)
    assert lines[-1].startswith("gate passed")


def test_missing_extractor_fails_and_new_one_is_listed():
    base = synthetic_report({"a": GOOD, "b": GOOD})
    cur = synthetic_report({"a": GOOD, "c": GOOD})
    outcome = check_reports(base, cur)
    assert outcome.missing == ("b",) and outcome.added == ("c",)
    assert not outcome.passed


def test_single_extractors_are_paired_whatever_their_labels():
    outcome = check_reports(synthetic_report({"v1": GOOD}), synthetic_report({"v2": WORSE}))
    assert [(c.baseline_extractor, c.extractor) for c in outcome.checks] == [("v1", "v2")]
    assert not outcome.passed


def test_every_headline_is_gated_and_means_too():
    base = synthetic_report({"x": GOOD}, summary={"x": [0.5] * 8})
    cur = synthetic_report({"x": GOOD}, summary={"x": [0.4] * 8})
    outcome = check_reports(base, cur, parse_tolerance("summary=0.05"))
    assert [c.metric for c in outcome.checks] == ["entities.strict", "summary.rougeL.max"]
    assert [c.metric for c in outcome.failures] == ["summary.rougeL.max"]
    assert check_reports(base, cur, parse_tolerance("value=0.2")).passed


def test_signatures_that_differ_are_refused():
    other = SIGNATURE.replace("norm:default", "norm:loose")
    with pytest.raises(InputError, match="norm: default != loose"):
        check_reports(synthetic_report({"x": GOOD}), synthetic_report({"x": GOOD}, signature=other))


# --- the command -----------------------------------------------------------------------------


def test_check_exit_codes(tmp_path, capsys):
    base = write(synthetic_report({"x": GOOD}), tmp_path / "baseline.json")
    same = write(synthetic_report({"x": GOOD}), tmp_path / "same" / "report.json")
    worse = write(synthetic_report({"x": WORSE}), tmp_path / "worse" / "report.json")
    assert main(["check", "--baseline", str(base), str(same.parent)]) == 0
    assert "gate passed" in capsys.readouterr().out
    assert main(["check", "--baseline", str(base), str(worse)]) == 1
    out = capsys.readouterr().out
    assert "FAIL x entities.strict f1 0.9000 -> 0.8000" in out and "significant" in out
    assert main(["check", "--baseline", str(base), "--tolerance", "0.2", str(worse)]) == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such report"),
        (b"\xff\xfe", "not UTF-8"),
        (b'{"report_version": 1,', "not valid JSON"),
        (b"[1, 2]", "not an evalkit report"),
        (b'{"report_version": 99}', "report_version 99 is not supported"),
        (b'{"report_version": 2, "signature": "s"}', "not a valid evalkit report"),
        (b'{"report_version": 1, "signature": "s"}', "report_version 1 is not supported (this evalkit reads 2)"),
    ],
)
def test_unusable_baseline_is_exit_2_with_one_located_line(tmp_path, capsys, content, message):
    report = write(synthetic_report({"x": GOOD}), tmp_path / "r.json")
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_bytes(content)
    assert main(["check", "--baseline", str(baseline), str(report)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(str(baseline)) and message in err[0]


def test_incomparable_reports_are_exit_2(tmp_path, capsys):
    base = write(synthetic_report({"x": GOOD}), tmp_path / "b.json")
    other = write(synthetic_report({"x": GOOD}, signature=SIGNATURE.replace("seed:7", "seed:8")), tmp_path / "r.json")
    assert main(["check", "--baseline", str(base), str(other)]) == 2
    err = capsys.readouterr().err
    assert "signatures differ" in err and "seed: 7 != 8" in err


def test_update_rewrites_the_baseline_atomically(tmp_path, capsys):
    baseline = tmp_path / "reports" / "baseline.json"
    worse = write(synthetic_report({"x": WORSE}), tmp_path / "run" / "report.json")
    assert main(["check", "--baseline", str(baseline), "--update", str(worse.parent)]) == 0
    assert baseline.read_bytes() == worse.read_bytes()
    assert [p.name for p in baseline.parent.iterdir()] == ["baseline.json"]  # no temp file left
    assert main(["check", "--baseline", str(baseline), str(worse)]) == 0


def test_update_refuses_a_broken_report_and_keeps_the_baseline(tmp_path):
    baseline = write(synthetic_report({"x": GOOD}), tmp_path / "baseline.json")
    before = baseline.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    assert main(["check", "--baseline", str(baseline), "--update", str(broken)]) == 2
    assert baseline.read_bytes() == before


def test_check_writes_junit_markdown_and_json(tmp_path, capsys):
    import json
    import xml.etree.ElementTree as ET

    base = write(synthetic_report({"x": GOOD}), tmp_path / "b.json")
    worse = write(synthetic_report({"x": WORSE}), tmp_path / "r.json")
    junit, md = tmp_path / "junit.xml", tmp_path / "summary.md"
    code = main(["check", "--baseline", str(base), "--junit", str(junit), "--markdown", str(md), "--format", "json", str(worse)])
    assert code == 1
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["passed"] is False
    assert [c["metric"] for c in verdict["checks"] if c["failed"]] == ["entities.strict"]
    root = ET.parse(junit).getroot()
    assert root.get("failures") == "1"
    assert "gate failed" in md.read_text()


# --- end to end: evalkit run, then the gate -------------------------------------------------


def test_end_to_end_noisy_extractor_fails_the_gate_and_gold_passes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    gold = str(ROOT / "gold")
    runs = {}
    for spec in ("gold", "noisy"):
        runs[spec] = tmp_path / spec
        assert main(["run", "-e", spec, "--gold", gold, "--no-cache", "--output", str(runs[spec]), "--format", "json"]) == 0
    baseline = tmp_path / "reports" / "baseline.json"
    assert main(["check", "--baseline", str(baseline), "--update", str(runs["gold"])]) == 0
    assert (runs["gold"] / "report.json").read_bytes() == baseline.read_bytes()
    capsys.readouterr()

    assert main(["check", "--baseline", str(baseline), str(runs["gold"])]) == 0
    assert "gate passed" in capsys.readouterr().out

    assert main(["check", "--baseline", str(baseline), str(runs["noisy"])]) == 1
    fails = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL")]
    noisy = load_report(runs["noisy"]).extractors[0]
    dropped = [m for m in noisy.headlines.values() if noisy.metrics[m].primary.point < 1.0 - DEFAULT_TOLERANCE]
    assert dropped, "the noisy extractor should lose something at its default rate"
    assert len(fails) == len(dropped)
    assert all("gold -> noisy" in line for line in fails)


def test_verbose_lists_the_signature_then_the_pairs_in_order(tmp_path, capsys):
    base = write(synthetic_report({"a": GOOD, "b": GOOD, "c": GOOD}), tmp_path / "baseline.json")
    cur = write(synthetic_report({"a": GOOD, "b": GOOD, "c": GOOD}), tmp_path / "report.json")
    assert main(["check", "-v", "--baseline", str(base), str(cur)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("signature: ")
    assert lines[1:4] == [f"pair: baseline {x} -> report {x}" for x in "abc"]


# --- the library calls behind evalkit check ----------------------------------------------------


def test_gate_run_reads_both_files_and_gives_the_verdict_of_check_reports(tmp_path):
    from evalkit.reports.gate import gate_run

    base, cur = synthetic_report({"x": GOOD}), synthetic_report({"x": WORSE})
    run_dir = tmp_path / "run"
    write(cur, run_dir / "report.json")
    report, outcome = gate_run(run_dir, write(base, tmp_path / "base.json"), minimums=[("entities.strict", 0.85)])
    expected = check_reports(base, cur)
    assert report.extractors[0].label == "x"
    assert [(c.metric, c.failed, c.comparison.p_value) for c in outcome.checks] == [
        (c.metric, c.failed, c.comparison.p_value) for c in expected.checks
    ]
    assert [(t.metric, t.failed) for t in outcome.thresholds] == [("entities.strict", True)]
    _, alone = gate_run(run_dir, minimums=[("entities.strict", 0.75)])
    assert alone.passed and not alone.baseline and alone.checks == ()
    with pytest.raises(InputError, match="no metric 'entities.loose'"):
        gate_run(run_dir, minimums=[("entities.loose", 0.5)])
    other = write(synthetic_report({"x": GOOD}, signature=SIGNATURE.replace("seed:7", "seed:8")), tmp_path / "other.json")
    with pytest.raises(InputError, match="signatures differ"):
        gate_run(run_dir, other)


def test_update_baseline_writes_the_report_in_canonical_form(tmp_path):
    from evalkit.reports.gate import update_baseline

    run_dir = tmp_path / "run"
    source = write(synthetic_report({"x": WORSE}), run_dir / "report.json")
    target = tmp_path / "ci" / "baseline.json"
    assert update_baseline(run_dir, target) == source
    assert target.read_bytes() == source.read_bytes()
    assert load_report(target).extractors[0].metrics["entities.strict"].primary.point == pytest.approx(0.8)
