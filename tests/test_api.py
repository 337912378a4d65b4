"""The public API: every name in ``evalkit.__all__`` resolves lazily to its defining object."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import evalkit

HEAVY = ("datasets", "sklearn", "scipy", "rouge_score", "spacy", "numpy", "pyarrow", "matplotlib", "httpx", "ruamel")
GOLD_OK = Path(__file__).parent / "gold_ok"


def typed_names() -> dict[str, str]:
    """Name → defining module, as the ``TYPE_CHECKING`` block of evalkit/__init__.py imports them."""
    tree = ast.parse(Path(evalkit.__file__).read_text(encoding="utf-8"))
    (block,) = [n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"]
    return {a.name: f"evalkit.{n.module}" for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names}


def test_all_lists_exactly_the_typed_names() -> None:
    assert sorted(evalkit.__all__) == sorted([*typed_names(), "__version__"])
    assert len(set(evalkit.__all__)) == len(evalkit.__all__)


@pytest.mark.parametrize("name", sorted(typed_names()))
def test_each_name_is_the_object_its_module_defines(name: str) -> None:
    module = typed_names()[name]
    assert getattr(evalkit, name) is getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("package", ["evalkit", "evalkit.reports"])
def test_a_package_api_is_its_type_checking_block(package: str) -> None:
    from evalkit.lazy import type_checking_names

    module = importlib.import_module(package)
    names = type_checking_names(package, str(module.__file__))
    assert sorted(set(module.__all__) - {"__version__"}) == sorted(names)
    for name, source in names.items():
        assert getattr(module, name) is getattr(importlib.import_module(source), name), name
    assert set(module.__all__) <= set(dir(module))


def test_importing_the_reports_package_loads_none_of_its_modules() -> None:
    code = "import sys\nimport evalkit.reports\nprint(sorted(m for m in sys.modules if m.startswith('evalkit.reports.')))\n"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'evalkit' has no attribute 'scroe'"):
        evalkit.scroe  # noqa: B018


def test_importing_evalkit_and_a_model_type_loads_nothing_heavy() -> None:
    code = (
        "import sys\nimport evalkit\nevalkit.Span\nevalkit.ExtractorInfo\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ""


def test_star_import_gives_the_whole_api() -> None:
    space: dict[str, object] = {}
    exec("from evalkit import *", space)
    assert set(evalkit.__all__) <= set(space)


def test_the_documented_example_runs() -> None:
    gold = evalkit.load_gold(GOLD_OK)
    evaluation = evalkit.evaluate([evalkit.create("gold")], gold)
    result = evaluation.results["gold"]
    assert isinstance(result, evalkit.Result)
    # The gold extractor answers with the gold itself: both entities of gold_ok/mini.yaml
    # (Ann Lee, Kyiv) are found and nothing else.
    strict = result["entities.strict"]
    assert (strict.stat.tp, strict.stat.fp, strict.stat.fn) == (2, 0, 0)  # type: ignore[union-attr]
    assert strict.f1 == 1.0
