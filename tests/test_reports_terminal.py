"""The terminal table: values from the report, no colour without a terminal or with NO_COLOR."""

from __future__ import annotations

import io
import re

from report_samples import HOSTILE, synthetic_report

from evalkit.cli import main
from evalkit.reports.canonical import atomic_write, canonical_json
from evalkit.reports.model import report_to_dict
from evalkit.reports.terminal import render_terminal

ANSI = re.compile("\x1b\\[")


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_table_shows_headline_values_and_intervals():
    out = io.StringIO()
    render_terminal(synthetic_report({"sys": [(9, 1, 1)] * 2}, summary={"sys": [0.25, 0.75]}), file=out)
    text = out.getvalue()
    assert "entities.strict" in text and "0.900" in text  # F1 of 18/20
    assert "summary.rougeL.max" in text and "0.500" in text  # mean of 0.25 and 0.75
    assert not ANSI.search(text)


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    report = synthetic_report({"sys": [(9, 1, 1)]})
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = FakeTTY()
    render_terminal(report, file=tty)
    assert ANSI.search(tty.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    tty = FakeTTY()
    render_terminal(report, file=tty)
    assert not ANSI.search(tty.getvalue())


def test_hostile_label_is_not_markup_or_control():
    out = FakeTTY()
    render_terminal(synthetic_report({HOSTILE: [(1, 0, 0)]}), file=out, color=False)
    text = out.getvalue()
    assert "<script>" in text  # shown literally (rich markup is off)
    assert "\u202e" not in text and "\x1b" not in text and "\x00" not in text


def test_report_command_renders_every_format(tmp_path, capsys):
    path = tmp_path / "report.json"
    atomic_write(path, canonical_json(report_to_dict(synthetic_report({"sys": [(9, 1, 1)]}))))
    assert main(["report", str(tmp_path)]) == 0
    assert "entities.strict" in capsys.readouterr().out
    for fmt, marker in (("markdown", "## evalkit report"), ("junit", "<testsuites"), ("html", "<!DOCTYPE html>"), ("json", '"report_version": 2')):
        assert main(["report", "--format", fmt, str(path)]) == 0
        assert marker in capsys.readouterr().out
    out = tmp_path / "out.html"
    assert main(["report", "--format", "html", "--output", str(out), str(path)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_report_command_writes_the_table_to_a_file(tmp_path, capsys):
    path = tmp_path / "report.json"
    atomic_write(path, canonical_json(report_to_dict(synthetic_report({"sys": [(9, 1, 1)]}))))
    out = tmp_path / "table.txt"
    assert main(["report", "--output", str(out), str(path)]) == 0
    assert "entities.strict" in out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_report_command_unwritable_output_is_one_located_line(tmp_path, capsys):
    path = tmp_path / "report.json"
    atomic_write(path, canonical_json(report_to_dict(synthetic_report({"sys": [(9, 1, 1)]}))))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    for fmt in ("terminal", "markdown"):
        target = blocker / "out.txt"
        assert main(["report", "--format", fmt, "--output", str(target), str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{target}: cannot write" in err and "Traceback" not in err
