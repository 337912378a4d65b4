"""The HTML report in a real browser: headless Chromium (Debian's ``chromium``, /usr/bin/chromium).

Chromium loads the file offline with networking features off, and ``--dump-dom`` prints the
DOM it built; ``--enable-logging=stderr`` prints every console message (uncaught errors,
Content-Security-Policy violations, failed loads) as a ``:CONSOLE`` line. The test asserts
there is none, that the browser's DOM has no script, and that every drawn span and its
classes agree with the report's JSON — for the shipped gold scored by two calibration
extractors and for a report full of hostile extractor output.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from html_dom import ReportDOM, check_dom_against_report
from report_samples import HOSTILE, hostile_report

from evalkit.reports.html import render_html
from evalkit.reports.text import one_line

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)


def browse(html: str, tmp: Path) -> tuple[str, list[str]]:
    """Open ``html`` in headless Chromium; return the dumped DOM and the console lines."""
    page = tmp / "report.html"
    page.write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        proc = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line or "Refused to" in line]
    return proc.stdout, console


def test_the_console_check_catches_a_violation(tmp_path):
    """The harness itself: a page that breaks its own CSP must produce console lines."""
    bad = (
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
        "</head><body><script>document.title = 'ran'</script><p>x</p></body></html>"
    )
    dom, console = browse(bad, tmp_path)
    assert "<p>x</p>" in dom
    assert console and "Content Security Policy" in " ".join(console)


@pytest.fixture(scope="module")
def shipped_report():
    from evalkit.evaluation import evaluate
    from evalkit.extractors.registry import create
    from evalkit.gold import load_gold
    from evalkit.reports.build import build_report

    root = Path(__file__).resolve().parent.parent
    gold = load_gold([str(root / "gold")])
    ev = evaluate([create("gold", {}), create("noisy", {"rate": "0.3"})], gold)
    return build_report(ev.output, ev.results)


def test_shipped_gold_report_renders_cleanly_and_spans_agree(shipped_report, tmp_path):
    dom_html, console = browse(render_html(shipped_report), tmp_path)
    assert console == []
    dom = ReportDOM(dom_html)
    assert dom.scripts == 0 and dom.external == []
    totals = check_dom_against_report(dom, shipped_report)
    # the noisy extractor must show every kind of outcome somewhere
    for css in ("g-matched", "g-partial", "g-missed", "p-matched", "p-spurious"):
        assert totals.get(css, 0) > 0, css
    # the gold extractor only matches: every one of its marks is matched
    gold_views = [a for a in dom.articles if a.extractor == "gold"]
    assert gold_views
    assert {c for a in gold_views for s in a.segments for c in s.classes if c[:2] in ("g-", "p-")} <= {"g-matched", "p-matched"}


def test_hostile_report_renders_cleanly_and_shows_text_only(tmp_path):
    report = hostile_report()
    dom_html, console = browse(render_html(report), tmp_path)
    assert console == []
    dom = ReportDOM(dom_html)
    assert dom.scripts == 0 and dom.external == []
    check_dom_against_report(dom, report)
    assert any(one_line(HOSTILE) in t for t in dom.titles)
    assert "\u202e" not in dom_html
