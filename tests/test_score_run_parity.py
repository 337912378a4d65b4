"""``evalkit score`` on saved predictions and ``evalkit run`` on the same output give the same
scores — over predictions with offsets and text-only ones (how an LLM answers), which both
commands ground with the same function."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.cli import main
from evalkit.gold import load_gold
from evalkit.serialize import summary_to_dict

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILE = ROOT / "gold" / "ukraine-peace-plan-ternopil.yaml"
GOLD = load_gold(GOLD_FILE)[0]
ECHO = "import sys; sys.stdout.write(open(sys.argv[1], encoding='utf-8').read())"
FAST = ["--bootstrap", "30", "--seed", "3"]


def _span(span: dict | None, how: str) -> dict | str | None:
    """A gold span as an extractor might return it: with offsets, as text only, with its
    text garbled (found fuzzily or not at all), or shifted (wrong offsets, right length)."""
    if span is None:
        return None
    if how == "offsets":
        return span
    if how == "text":
        return span["text"]
    if how == "garbled":
        return span["text"][:-1] + "#" if len(span["text"]) > 3 else "zzqx"
    return span["text"].lower()


@st.composite
def predictions(draw) -> dict:
    g = summary_to_dict(GOLD.gold)
    how = st.sampled_from(["offsets", "text", "text", "garbled", "lower"])
    entities = []
    for e in draw(st.lists(st.sampled_from(g["entities"]), max_size=12, unique_by=lambda e: e["id"])):
        mentions = [_span(m, draw(how)) for m in e["mentions"][: draw(st.integers(1, 3))]]
        entities.append({"type": draw(st.sampled_from([e["type"], "ORG"])), "name": e["name"], "mentions": mentions})
    numbers = []
    for n in draw(st.lists(st.sampled_from(g["numbers"]), max_size=8, unique_by=lambda n: n["id"])):
        numbers.append({**{k: n[k] for k in ("value", "kind", "unit", "qualifier")}, "span": _span(n["span"], draw(how))})
    attributions = []
    for a in draw(st.lists(st.sampled_from(g["attributions"]), max_size=6, unique_by=lambda a: a["id"])):
        attributions.append(
            {"kind": a["kind"], "content": _span(a["content"], draw(how)), "source": _span(a["source"], draw(how)), "cue": _span(a["cue"], draw(how))}
        )
    return {"entities": entities, "numbers": numbers, "attributions": attributions, "summaries": g["summaries"][:1]}


def _metrics(data: dict) -> dict:
    return {name: m["values"] for name, m in data.items()}


@settings(max_examples=8)
@given(predictions())
def test_score_and_run_give_identical_scores(prediction):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pred = folder / "pred.json"
        pred.write_text(json.dumps({GOLD.document.id: prediction}), encoding="utf-8")
        single = folder / "single.json"
        single.write_text(json.dumps(prediction), encoding="utf-8")
        scored = folder / "scored.json"
        assert main(["score", str(GOLD_FILE), str(pred), "--result-json", str(scored), *FAST]) == 0
        command = f"command:{sys.executable} -c {json.dumps(ECHO)} {single}"
        run_dir = folder / "run"
        assert main(["run", "-e", command, "--gold", str(GOLD_FILE), "--no-cache", "-q", "--output", str(run_dir), "--format", "json", *FAST]) == 0
        by_score = json.loads(scored.read_text(encoding="utf-8"))
        report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert report["signature"] == by_score["signature"]
    (extractor,) = report["extractors"]
    assert extractor["errors"] == []
    by_run = {name: {k: v["point"] for k, v in m["values"].items()} for name, m in extractor["metrics"].items()}
    assert by_run.keys() == by_score["metrics"].keys()
    for name, values in by_run.items():
        expected = by_score["metrics"][name]["values"]
        for k, v in values.items():
            assert (v is None) == (expected[k] is None), name
            if v is not None:
                assert abs(v - expected[k]) < 1e-6, name  # the report rounds to 6 decimals


def test_text_only_spans_are_grounded_and_counted(tmp_path, capsys):
    # Every span as text only, as an LLM returns it: scored 0.000 before score grounded them.
    g = summary_to_dict(GOLD.gold)
    for e in g["entities"]:
        e["mentions"] = [m["text"] for m in e["mentions"]]
    for n in g["numbers"]:
        n["span"] = n["span"]["text"]
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(g), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["score", str(GOLD_FILE), str(pred), "--result-json", str(out), *FAST]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metrics"]["mentions.strict"]["values"]["f1"] > 0.9
    assert data["metrics"]["numbers.strict"]["values"]["f1"] > 0.9
    mentions = sum(len(e["mentions"]) for e in g["entities"])
    grounding = data["grounding"]
    assert grounding["exact"] + grounding["normalised"] + grounding["fuzzy"] + grounding["unresolved"] == mentions + len(g["numbers"])
    assert grounding["exact"] >= mentions  # verbatim article text is found verbatim
    assert "grounded exactly" in capsys.readouterr().out
