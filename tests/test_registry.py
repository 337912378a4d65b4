"""The registry: entry-point discovery, spec strings, options and their precedence, did-you-mean,
configuration files, and a third-party plugin installed for real."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.cli import main
from evalkit.config_file import load_config
from evalkit.errors import InputError
from evalkit.extractors import registry
from evalkit.extractors.options import ExtractorRequest, parse_option, resolve, with_defaults
from evalkit.model import Document

ROOT = Path(__file__).resolve().parent.parent
BUILT_INS = {"rules", "spacy", "openai", "command", "python", "gold", "empty", "noisy"}


# --- spec strings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("rules", ("rules", None)),
        ("spacy:en_core_web_sm", ("spacy", "en_core_web_sm")),
        ("command:./my-extractor --json", ("command", "./my-extractor --json")),
        ("python:pkg.mod:fn", ("python", "pkg.mod:fn")),
        ("  gold  ", ("gold", None)),
        ("command:C:\\tools\\x.exe", ("command", "C:\\tools\\x.exe")),
    ],
)
def test_parse_spec_splits_at_the_first_colon(spec: str, expected: tuple[str, str | None]) -> None:
    assert registry.parse_spec(spec) == expected


@pytest.mark.parametrize("spec", ["", "   ", ":arg", "rules:", "rules:   ", "bad name:x", "-x"])
def test_parse_spec_rejects_malformed_specs(spec: str) -> None:
    with pytest.raises(InputError):
        registry.parse_spec(spec)


# --- discovery --------------------------------------------------------------------------------


def test_built_ins_are_registered_through_entry_points() -> None:
    from importlib.metadata import entry_points

    registered = {ep.name: ep.value for ep in entry_points(group="evalkit.extractors")}
    assert BUILT_INS <= set(registered)
    assert registered["command"] == "evalkit.extractors.command:create"
    assert registered["spacy"] == "evalkit.extractors.spacy_backend:create"
    assert BUILT_INS <= set(registry.names())


def test_available_describes_each_back_end_with_its_options() -> None:
    backends = {b.name: b for b in registry.available()}
    command = backends["command"]
    assert command.description.startswith("Run an external program")
    assert command.options is not None and {"timeout", "max_output", "version"} <= set(command.options)
    assert command.target == "evalkit.extractors.command:create"
    noisy = backends["noisy"]
    assert noisy.options is not None and {"rate", "seed", "drop", "shift", "retype"} <= set(noisy.options)
    assert backends["gold"].options == {}


def test_description_falls_back_to_the_docstring() -> None:
    def factory(arg, options):
        """First line here.

        More text.
        """

    assert registry.description_of(factory) == "First line here."
    factory.describe = "Declared."  # type: ignore[attr-defined]
    assert registry.description_of(factory) == "Declared."


def test_unknown_extractor_suggests_the_closest_name() -> None:
    with pytest.raises(InputError) as e:
        registry.create("rulez")
    assert str(e.value) == "unknown extractor 'rulez' (did you mean 'rules'?)"


def test_unknown_extractor_without_a_close_name_lists_what_exists() -> None:
    with pytest.raises(InputError) as e:
        registry.create("zzzzzz")
    message = str(e.value)
    assert message.startswith("unknown extractor 'zzzzzz' (available: ")
    assert "command" in message and "noisy" in message


def test_unknown_option_is_rejected_with_a_suggestion() -> None:
    with pytest.raises(InputError) as e:
        registry.create("noisy", {"rats": "0.3"})
    assert str(e.value) == "extractor 'noisy': unknown option 'rats' (did you mean 'rate'?)"
    with pytest.raises(InputError) as e:
        registry.create("gold", {"x": "1"})
    assert "it takes no options" in str(e.value)


def test_a_factory_failure_becomes_a_located_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(arg, options):
        raise OSError("model file missing")

    monkeypatch.setattr(registry, "load_factory", lambda name: broken)
    with pytest.raises(InputError) as e:
        registry.create("anything:x")
    assert str(e.value) == "extractor 'anything:x': OSError: model file missing"


def test_a_factory_returning_a_non_extractor_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "load_factory", lambda name: lambda arg, options: object())
    with pytest.raises(InputError, match="has no info/extract"):
        registry.create("thing")


def test_create_builds_built_ins() -> None:
    gold = registry.create("gold")
    assert gold.info.label == "gold"
    noisy = registry.create("noisy", {"rate": "0.5", "seed": "3"})
    assert noisy.info.options == {"rate": "0.5", "seed": "3"}
    cmd = registry.create(f"command:{sys.executable} -c pass")
    assert cmd.info.name == "command" and cmd.info.arg == f"{sys.executable} -c pass"


def test_list_command_prints_every_back_end_with_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for name in BUILT_INS:
        assert any(line.startswith(name + " ") for line in out.splitlines()), name
    assert "max_output" in out
    assert main(["list", "--json"]) == 0
    listed = {b["name"]: b for b in json.loads(capsys.readouterr().out)}
    assert BUILT_INS <= set(listed)
    assert listed["python"]["options"]["input"].startswith("what the function receives")


def test_run_with_a_mistyped_extractor_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "-e", "emptty", "--gold", str(ROOT / "gold")]) == 2
    assert "unknown extractor 'emptty' (did you mean 'empty'?)" in capsys.readouterr().err


# --- options: command line and configuration ----------------------------------------------------


def test_parse_option_forms() -> None:
    assert parse_option("lead=3") == (None, "lead", "3")
    assert parse_option("rules.lead=3") == ("rules", "lead", "3")
    assert parse_option("my.plugin.key=a=b") == ("my.plugin", "key", "a=b")
    assert parse_option("prompt=") == (None, "prompt", "")
    for bad in ("lead", "=3", ".lead=3", "rules.=3"):
        with pytest.raises(InputError):
            parse_option(bad)


def test_options_precedence_config_then_qualified_then_plain() -> None:
    plan = [
        ("extractor", "noisy"),
        ("option", "rate=0.9"),
        ("extractor", "noisy"),
        ("option", "noisy.seed=7"),
        ("option", "noisy.rate=0.4"),
        ("extractor", "empty"),
    ]
    configured = {"noisy": {"rate": "0.1", "seed": "1", "shift": "0"}, "gold": {"x": "1"}}
    first, second, third = resolve(plan, configured=configured)
    assert first == ExtractorRequest("noisy", "noisy", None, {"rate": "0.9", "seed": "7", "shift": "0"})
    assert second.options == {"rate": "0.4", "seed": "7", "shift": "0"}
    assert third.options == {}


def test_plain_option_before_any_extractor_is_an_error() -> None:
    with pytest.raises(InputError, match="comes before any --extractor"):
        resolve([("option", "rate=0.3"), ("extractor", "noisy")])


def test_qualified_option_for_an_absent_extractor_is_an_error() -> None:
    with pytest.raises(InputError, match=r"is for extractor 'rules', which is not in this run \(extractors: noisy\)"):
        resolve([("extractor", "noisy"), ("option", "rules.lead=3")])


def test_defaults_go_only_to_back_ends_that_declare_the_option() -> None:
    r = ExtractorRequest("command:x", "command", "x", {"max_output": "1M"})
    assert with_defaults(r, {"timeout": "5"}, ["timeout", "max_output"]).options == {"timeout": "5", "max_output": "1M"}
    assert with_defaults(r, {"timeout": "5"}, ["max_output"]).options == {"max_output": "1M"}
    assert with_defaults(r, {"timeout": "5"}, None).options == {"max_output": "1M"}
    given = ExtractorRequest("command:x", "command", "x", {"timeout": "9"})
    assert with_defaults(given, {"timeout": "5"}, ["timeout"]).options == {"timeout": "9"}


def test_config_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n'
        "[tool.evalkit.extractors.noisy]\nrate = 0.3\nseed = 4\n\n"
        "[tool.evalkit.extractors.command]\ntimeout = 5\nflag = true\n\n"
        '[tool.evalkit.run]\nextractors = ["gold", "noisy"]\ngold = "corpus"\nworkers = 2\ntimeout = 9\ncache = false\n\n'
        "[tool.evalkit.gate]\nthreshold = 0.1\n",
        encoding="utf-8",
    )
    sub = tmp_path / "deeper" / "still"
    sub.mkdir(parents=True)
    config = load_config(start=sub)
    assert config.path == tmp_path / "pyproject.toml"
    assert config.options_for("noisy") == {"rate": "0.3", "seed": "4"}
    assert config.options_for("command") == {"timeout": "5", "flag": "true"}
    assert config.options_for("rules") == {}
    assert config.run.extractors == ("gold", "noisy")
    assert config.run.gold == ("corpus",)
    assert (config.run.workers, config.run.timeout, config.run.cache) == (2, 9.0, False)
    assert config.section("gate") == {"threshold": 0.1}


def test_evalkit_toml_wins_over_pyproject_and_takes_top_level_tables(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.evalkit.extractors.noisy]\nrate = 0.9\n", encoding="utf-8")
    (tmp_path / "evalkit.toml").write_text("[extractors.noisy]\nrate = 0.2\n[run]\nworkers = 3\n", encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.path == tmp_path / "evalkit.toml"
    assert config.options_for("noisy") == {"rate": "0.2"}
    assert config.run.workers == 3


def test_a_project_without_configuration_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.extractor_options == {} and config.run.extractors == ()


@pytest.mark.parametrize(
    "text, message",
    [
        ("[tool.evalkit.run]\nwokers = 2\n", "[tool.evalkit.run]: unknown key 'wokers' (did you mean 'workers'?)"),
        ("[tool.evalkit.run]\nworkers = 'two'\n", "workers must be int, not str"),
        ("[tool.evalkit.run]\nworkers = 0\n", "workers must be at least 1"),
        ("[tool.evalkit.extractors]\nnoisy = 3\n", "[tool.evalkit.extractors.noisy]: must be a table of options"),
        ("[tool.evalkit.extractors.noisy]\nrate = [1, 2]\n", "rate: must be a string, number or boolean, not list"),
        ("[tool.evalkit\n", "not valid TOML"),
    ],
)
def test_configuration_problems_are_located(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_config(path)
    assert str(path) in str(e.value)
    assert message in str(e.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("[tool.black]\nline-length = 99\n[run]\nwokers = 2\n", ": [run]: unknown key 'wokers'"),
        ("[tool.black]\nline-length = 99\n[extractors]\nnoisy = 3\n", ": [extractors.noisy]: must be a table of options"),
        ("[tool.evalkit.run]\nwokers = 2\n", ": [tool.evalkit.run]: unknown key 'wokers'"),
    ],
)
def test_evalkit_toml_problems_name_the_table_as_written(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "evalkit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_config(path)
    assert f"{path}{message}" in str(e.value)


def test_run_takes_extractors_and_options_from_the_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "evalkit.toml").write_text(
        f'[run]\nextractors = ["gold", "noisy"]\ngold = ["{ROOT / "gold"}"]\ncache = false\n'
        "[extractors.noisy]\nrate = 1.0\n",
        encoding="utf-8",
    )
    assert main(["run", "--config", str(tmp_path / "evalkit.toml")]) == 0
    out = capsys.readouterr().out
    assert "gold" in out and "noisy" in out


# --- a real third-party plugin ----------------------------------------------------------------


@pytest.fixture
def installed_plugin(tmp_path: Path):
    """tests/plugin pip-installed into the running environment, uninstalled afterwards."""
    source = tmp_path / "plugin"
    shutil.copytree(ROOT / "tests" / "plugin", source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", "-q", str(source)], check=True, capture_output=True)
    importlib.invalidate_caches()
    try:
        yield
    finally:
        subprocess.run([*pip, "uninstall", "-y", "-q", "evalkit-echo-plugin"], check=True, capture_output=True)
        importlib.invalidate_caches()
        sys.modules.pop("evalkit_echo_plugin", None)


def test_an_installed_plugin_is_listed_and_runs(installed_plugin: None, tmp_path: Path) -> None:
    evalkit = [sys.executable, "-m", "evalkit"]
    listed = subprocess.run([*evalkit, "list", "--json"], check=True, capture_output=True, text=True)
    plugin = {b["name"]: b for b in json.loads(listed.stdout)}["echo-plugin"]
    assert plugin["distribution"] == "evalkit-echo-plugin 0.1.0"
    assert plugin["description"] == "Echo the first words of the article as its summary (test plugin)."
    assert set(plugin["options"]) == {"words", "prefix"}

    ran = subprocess.run(
        [*evalkit, "run", "-e", "echo-plugin", "-o", "words=3", "--gold", str(ROOT / "gold"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert ran.returncode == 0, ran.stderr
    assert "echo-plugin" in ran.stdout

    extractor = registry.create("echo-plugin", {"words": "2", "prefix": "> "})
    summary = extractor.extract(Document("d", "Kyiv was quiet on Monday."))
    assert summary.summaries == ("> Kyiv was",)
    with pytest.raises(InputError, match="unknown option 'word' \\(did you mean 'words'\\?\\)"):
        registry.create("echo-plugin", {"word": "2"})


names = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,20}", fullmatch=True)
args = st.text(min_size=1, max_size=40).map(str.strip).filter(bool)


@given(name=names, arg=args)
def test_parse_spec_recovers_name_and_argument(name: str, arg: str) -> None:
    assert registry.parse_spec(f"{name}:{arg}") == (name, arg)
    assert registry.parse_spec(name) == (name, None)
