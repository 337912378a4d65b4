"""The library behind ``evalkit run``: a run plan becomes checked settings, gold, extractors and scores."""

from __future__ import annotations

from pathlib import Path

import pytest

import evalkit
from evalkit.errors import InputError, RunError
from evalkit.evaluation import RunPlan, create_extractors, evaluate_plan, load_corpus
from evalkit.scoring import ScoringConfig

ROOT = Path(__file__).resolve().parent
GOLD_OK = str(ROOT / "gold_ok")
FAST = ScoringConfig(bootstrap=20, seed=1)


def test_a_plan_scores_as_evaluate_does_with_the_same_extractors():
    plan = RunPlan(steps=[("extractor", "gold"), ("extractor", "noisy"), ("option", "rate=0.5")], gold=[GOLD_OK], scoring=FAST, cache=False)
    evaluation = evaluate_plan(plan)
    gold = evalkit.load_gold(GOLD_OK)
    direct = evalkit.evaluate([evalkit.create("gold"), evalkit.create("noisy", {"rate": "0.5"})], gold, config=FAST)
    assert list(evaluation.results) == ["gold", "noisy"]
    for label, result in direct.results.items():
        assert evaluation.results[label].signature == result.signature
        assert {k: m.values for k, m in evaluation.results[label].metrics.items()} == {k: m.values for k, m in result.metrics.items()}
    assert evaluation.output.runs["noisy"].info.options == {"rate": "0.5"}


def test_options_apply_to_the_extractor_before_them_after_the_configured_ones():
    first, second = create_extractors(
        [("extractor", "noisy"), ("option", "rate=0.25"), ("extractor", "noisy")], {"noisy": {"rate": "0.75", "seed": "4"}}
    )
    assert first.info.options == {"rate": "0.25", "seed": "4"}
    assert second.info.options == {"rate": "0.75", "seed": "4"}


def test_nothing_to_do_and_bad_settings_fail_before_anything_runs(tmp_path):
    with pytest.raises(RunError, match="nothing to do: no extractors"):
        evaluate_plan(RunPlan(steps=[("option", "rate=0.5")], gold=[GOLD_OK]))
    # the unknown back-end is never created: the scoring setting is refused first
    with pytest.raises(InputError, match="bootstrap: must be a positive integer"):
        evaluate_plan(RunPlan(steps=[("extractor", "no-such-backend")], gold=[GOLD_OK], scoring=ScoringConfig(bootstrap=0)))
    with pytest.raises(RunError, match="no gold documents in"):
        load_corpus([str(tmp_path)])
    assert [g.document.id for g in load_corpus([GOLD_OK])] == [g.document.id for g in evalkit.load_gold(GOLD_OK)]
