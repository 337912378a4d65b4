"""Extractors for the Dask tests that take down the Dask worker running them.

They run in the child process a Dask worker forks for ``process`` back-ends, so the worker is
their parent. ``EVALKIT_TEST_DASK_MARKER`` names a file that records the first kill.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from evalkit.model import Document

TARGET = "doc-003"
EMPTY = {"entities": [], "numbers": [], "attributions": [], "summaries": ["nothing to say"]}


def _kill_my_worker() -> None:
    os.kill(os.getppid(), signal.SIGKILL)
    time.sleep(30)  # the kill takes this process's parent; never answer


def kill_worker_once(document: Document) -> dict:
    """Kills its Dask worker the first time it sees TARGET; answers normally afterwards."""
    marker = Path(os.environ["EVALKIT_TEST_DASK_MARKER"])
    if document.id == TARGET and not marker.exists():
        marker.write_text("killed", encoding="utf-8")
        _kill_my_worker()
    return EMPTY


def kill_worker_always(document: Document) -> dict:
    """Kills every Dask worker that is given TARGET."""
    if document.id == TARGET:
        _kill_my_worker()
    return EMPTY


def hangs(document: Document) -> dict:
    """Never answers for TARGET."""
    if document.id == TARGET:
        time.sleep(600)
    return EMPTY


def crashes(document: Document) -> dict:
    """Kills its own process (the worker's child, not the worker) on TARGET."""
    if document.id == TARGET:
        os.kill(os.getpid(), signal.SIGKILL)
    return EMPTY
