"""The output cache: what the key depends on, hits skip the extractor, errors and bypasses, corruption, pruning."""

from __future__ import annotations

import json
import os
import shlex
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from evalkit.cache import ENV_VAR, OutputCache, cache_key, default_cache_dir
from evalkit.cli import main
from evalkit.extractors.base import ExtractorInfo
from evalkit.extractors.registry import create
from evalkit.model import Document, Entity, Span, StructuredSummary
from evalkit.runner import run
from synthetic_news import make_corpus

ROOT = Path(__file__).resolve().parent.parent
INFO = ExtractorInfo("rules", "x", "1.0", {"lead": "3"})
DOC = Document("d1", "Kyiv was quiet on Monday.")
SUMMARY = StructuredSummary(entities=(Entity("e1", "GPE", "Kyiv", (), (Span(0, 4, "Kyiv"),)),), summaries=("Kyiv was quiet.",))
CORPUS = make_corpus(5, seed=2, sentences=3)


@dataclass
class Counting:
    """Counts its calls (inline, so the count is visible here); fails on ids in ``fail``."""

    info: ExtractorInfo = field(default_factory=lambda: ExtractorInfo("counting", None, "1"))
    fail: set[str] = field(default_factory=set)
    calls: list[str] = field(default_factory=list)
    mode: str = "inline"

    def extract(self, document: Document) -> StructuredSummary:
        self.calls.append(document.id)
        if document.id in self.fail:
            raise RuntimeError("failed")
        word = document.text.split(" ")[0]
        return StructuredSummary(entities=(Entity("e1", "ORG", word, (), (Span(0, len(word), word),)),))


# --- the key ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changed",
    [
        replace(INFO, name="spacy"),
        replace(INFO, arg="y"),
        replace(INFO, arg=None),
        replace(INFO, version="1.1"),
        replace(INFO, options={"lead": "4"}),
        replace(INFO, options={}),
        replace(INFO, options={"lead": "3", "extra": "1"}),
    ],
)
def test_key_changes_with_every_part_of_the_info(changed: ExtractorInfo) -> None:
    assert cache_key(changed, DOC.sha256) != cache_key(INFO, DOC.sha256)


def test_key_changes_with_the_document_text_not_its_id() -> None:
    edited = Document("d1", DOC.text + " ")
    renamed = Document("other-id", DOC.text, metadata={"source": "x"})
    assert cache_key(INFO, edited.sha256) != cache_key(INFO, DOC.sha256)
    assert cache_key(INFO, renamed.sha256) == cache_key(INFO, DOC.sha256)


def test_key_ignores_option_order_and_is_hex_sha256() -> None:
    a = replace(INFO, options={"a": "1", "b": "2"})
    b = replace(INFO, options={"b": "2", "a": "1"})
    key = cache_key(a, DOC.sha256)
    assert key == cache_key(b, DOC.sha256)
    assert len(key) == 64 and int(key, 16) >= 0


# --- storage ----------------------------------------------------------------------------------


def test_put_then_get_round_trips_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "c")
    assert cache.get(INFO, DOC) is None
    path = cache.put(INFO, DOC, SUMMARY)
    assert cache.get(INFO, DOC) == SUMMARY
    assert path.parent.parent == tmp_path / "c"
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert (tmp_path / "c" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    entry = json.loads(path.read_text())
    assert entry["document_sha256"] == DOC.sha256 and entry["extractor"]["version"] == "1.0"
    assert (cache.counters.hits, cache.counters.misses, cache.counters.writes) == (1, 1, 1)


@pytest.mark.parametrize(
    "content",
    [b"{truncated", b"\xff\xfe", b"[]", b'{"key": "somebody else", "wire_format": 1, "output": {}}', b""],
)
def test_corrupt_entry_is_a_miss_and_is_rewritten(tmp_path: Path, content: bytes) -> None:
    cache = OutputCache(tmp_path)
    path = cache.put(INFO, DOC, SUMMARY)
    path.write_bytes(content)
    assert cache.get(INFO, DOC) is None
    assert cache.counters.corrupt == 1
    assert not path.exists()
    extractor = Counting(info=INFO)
    output = run([extractor], [DOC], cache=cache)
    assert extractor.calls == ["d1"] and not output.errors
    assert json.loads(path.read_text())["key"] == cache_key(INFO, DOC.sha256)


def test_default_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_cache_dir() == Path(".evalkit-cache")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "elsewhere"))
    assert OutputCache().root == tmp_path / "elsewhere"


# --- the cache in a run -----------------------------------------------------------------------


def test_cached_rerun_does_not_call_the_extractor(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path)
    first = Counting()
    cold = run([first], CORPUS, cache=cache)
    assert first.calls == [d.document.id for d in CORPUS]
    second = Counting()
    warm = run([second], CORPUS, cache=OutputCache(tmp_path))
    assert second.calls == []
    assert warm.runs["counting"].outputs == cold.runs["counting"].outputs
    assert (warm.timings["counting"].cached, warm.timings["counting"].extracted) == (5, 0)


def test_a_new_version_misses_the_cache(tmp_path: Path) -> None:
    run([Counting()], CORPUS, cache=OutputCache(tmp_path))
    newer = Counting(info=ExtractorInfo("counting", None, "2"))
    run([newer], CORPUS, cache=OutputCache(tmp_path))
    assert len(newer.calls) == len(CORPUS)


def test_errors_are_never_cached(tmp_path: Path) -> None:
    failing = CORPUS[2].document.id
    run([Counting(fail={failing})], CORPUS, cache=OutputCache(tmp_path))
    again = Counting(fail={failing})
    output = run([again], CORPUS, cache=OutputCache(tmp_path))
    assert again.calls == [failing]
    assert [e.document for e in output.errors] == [failing]


def test_outputs_that_depend_on_the_gold_are_not_cached(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path)
    run([create("gold"), create("noisy")], CORPUS, cache=cache)
    assert cache.info().entries == 0


def _counting_command(log: Path) -> str:
    script = (
        "import json, sys\n"
        f"open({str(log)!r}, 'a').write('x')\n"
        "doc = json.load(sys.stdin)\n"
        "print(json.dumps({'summary': doc['text'][:10]}))\n"
    )
    return "command:" + shlex.join([sys.executable, "-c", script])


def test_cli_reuses_the_cache_and_no_cache_bypasses_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "calls.log"
    spec = _counting_command(log)
    cache_dir = tmp_path / "cache"
    common = ["run", "-e", spec, "--gold", str(ROOT / "gold"), "--cache-dir", str(cache_dir)]
    documents = len(list((ROOT / "gold").glob("*.yaml")))
    assert main(common) == 0
    assert len(log.read_text()) == documents
    assert main(common) == 0
    assert len(log.read_text()) == documents  # served from the cache
    entries = OutputCache(cache_dir).info().entries
    assert main([*common, "--no-cache"]) == 0
    assert len(log.read_text()) == 2 * documents
    assert OutputCache(cache_dir).info().entries == entries
    capsys.readouterr()


# --- info and prune ---------------------------------------------------------------------------


def _filled(tmp_path: Path) -> tuple[OutputCache, list[Path]]:
    cache = OutputCache(tmp_path)
    paths = [cache.put(replace(INFO, version=str(v)), DOC, SUMMARY) for v in range(3)]
    paths.append(cache.put(ExtractorInfo("other"), DOC, SUMMARY))
    return cache, paths


def test_info_counts_entries_per_extractor(tmp_path: Path) -> None:
    cache, paths = _filled(tmp_path)
    stats = cache.info()
    assert stats.entries == 4
    assert stats.by_extractor == {"other": 1, "rules": 3}
    assert stats.bytes == sum(p.stat().st_size for p in paths)


def test_prune_older_than_removes_only_stale_entries(tmp_path: Path) -> None:
    cache, paths = _filled(tmp_path)
    now = time.time()
    old = now - 10 * 86400
    os.utime(paths[0], (old, old))
    os.utime(paths[1], (old, old))
    assert cache.prune(older_than_days=7, now=now) == 2
    assert [p.exists() for p in paths] == [False, False, True, True]


def test_a_hit_refreshes_the_entry_so_prune_keeps_it(tmp_path: Path) -> None:
    cache, paths = _filled(tmp_path)
    old = time.time() - 10 * 86400
    os.utime(paths[0], (old, old))
    assert cache.get(replace(INFO, version="0"), DOC) == SUMMARY
    assert cache.prune(older_than_days=7) == 0


def test_prune_without_options_removes_only_unreadable_entries(tmp_path: Path) -> None:
    cache, paths = _filled(tmp_path)
    paths[2].write_text("{", encoding="utf-8")
    assert cache.prune() == 1
    assert [p.exists() for p in paths] == [True, True, False, True]


def test_cache_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _filled(tmp_path)
    assert main(["cache", "--dir", str(tmp_path), "info"]) == 0
    out = capsys.readouterr().out
    assert "entries: 4" in out and "rules: 3" in out
    assert main(["cache", "--dir", str(tmp_path), "prune", "--older-than", "30"]) == 0
    assert "removed 0 entries" in capsys.readouterr().out
    assert main(["cache", "--dir", str(tmp_path), "prune", "--all"]) == 0
    assert "removed 4 entries" in capsys.readouterr().out
    assert not tmp_path.joinpath("rules").exists()
    with pytest.raises(SystemExit) as usage:
        main(["cache", "--dir", str(tmp_path), "prune", "--all", "--older-than", "3"])
    assert usage.value.code == 2


def test_prune_touches_only_cache_files_when_the_root_holds_other_things(tmp_path: Path) -> None:
    cache, paths = _filled(tmp_path)
    foreign = [tmp_path / "notes.txt", tmp_path / "rules" / "config.json", tmp_path / "project" / "package.json"]
    for f in foreign:
        f.parent.mkdir(exist_ok=True)
        f.write_text("{}", encoding="utf-8")
    old = time.time() - 100 * 86400
    os.utime(foreign[1], (old, old))
    assert cache.info().entries == 4
    assert cache.prune() == 0
    assert cache.prune(older_than_days=30) == 0
    assert cache.prune(everything=True) == 4
    assert not any(p.exists() for p in paths) and not (tmp_path / "other").exists()
    assert all(f.read_text(encoding="utf-8") == "{}" for f in foreign)


def test_prune_all_removes_the_folder_it_created(tmp_path: Path) -> None:
    cache, _ = _filled(tmp_path / "c")
    leftover = next((tmp_path / "c" / "rules").iterdir()).with_name(".tmp-abc.json")
    leftover.write_text("{", encoding="utf-8")
    assert cache.prune(everything=True) == 4
    assert not (tmp_path / "c").exists()


def test_prune_removes_a_temporary_left_by_an_interrupted_write(tmp_path: Path) -> None:
    """atomic_write names its temporaries ``.tmp-….tmp``; prune must recognise them too."""
    cache, paths = _filled(tmp_path / "c")
    leftover = paths[0].with_name(".tmp-xyz.tmp")
    leftover.write_text("{", encoding="utf-8")
    hour_ago = time.time() - 7200
    os.utime(leftover, (hour_ago, hour_ago))
    cache.prune()
    assert not leftover.exists()
    assert all(p.exists() for p in paths)
