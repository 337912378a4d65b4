"""A minimal PEP 517 build backend using the standard library only.

It lets ``pip install --no-deps --no-build-isolation tests/plugin`` work in any environment,
whichever setuptools or wheel it has (or none): it reads ``[project]`` from pyproject.toml and
zips the package with its ``.dist-info`` (METADATA, WHEEL, entry_points.txt, RECORD).
"""

from __future__ import annotations

import base64
import hashlib
import sys
import zipfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["project"]


def _files(project: dict) -> dict[str, bytes]:
    name = project["name"].replace("-", "_")
    version = project["version"]
    info = f"{name}-{version}.dist-info"
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version}",
        f"Summary: {project.get('description', '')}",
        *(f"Requires-Dist: {d}" for d in project.get("dependencies", [])),
    ]
    if "requires-python" in project:
        metadata.append(f"Requires-Python: {project['requires-python']}")
    entry_points = "".join(
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()) + "\n"
        for group, eps in project.get("entry-points", {}).items()
    )
    files = {
        str(p.relative_to(ROOT)).replace("\\", "/"): p.read_bytes()
        for p in sorted((ROOT / name).rglob("*.py"))
    }
    files[f"{info}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: wheel_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{info}/entry_points.txt"] = entry_points.encode()
    return files


def get_requires_for_build_wheel(config_settings=None) -> list[str]:
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None) -> str:
    project = _project()
    files = _files(project)
    wheel_name = f"{project['name'].replace('-', '_')}-{project['version']}-py3-none-any.whl"
    info = next(p.split("/")[0] for p in files if p.endswith(".dist-info/METADATA"))
    record = []
    with zipfile.ZipFile(Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as whl:
        for path, data in files.items():
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{path},sha256={digest},{len(data)}")
            whl.writestr(path, data)
        record.append(f"{info}/RECORD,,")
        whl.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return wheel_name
