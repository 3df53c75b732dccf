"""Shared, cached generations for the world tests (one per seed and scale per session).

Not a conftest: tests/conftest.py already owns that name. Test modules import this
helper; pytest puts this folder on sys.path when it collects them.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from investigator_course.paths import datasets_dir, ground_truth_dir
from investigator_course.world.generate import DEFAULT_SEED, generate
from investigator_course.world.schemas import DATASETS

_ROOT = Path(tempfile.mkdtemp(prefix="world-tests-"))
atexit.register(shutil.rmtree, _ROOT, True)


@cache
def generated(seed: int, scale: float, copy: int = 0) -> tuple[Path, Path]:
    """(datasets folder, ground-truth folder) of a fresh generation."""
    base = _ROOT / f"s{seed}-x{scale}-{copy}"
    report = generate(seed, scale, base / "datasets", progress=lambda line: None)
    return report.out, report.truth


def committed() -> tuple[Path, Path]:
    return datasets_dir(), ground_truth_dir()


def files(folder: Path) -> dict[str, bytes]:
    """Relative path -> bytes for the four generated dataset folders under `folder`."""
    out = {}
    for name in DATASETS:
        for path in sorted((folder / name).rglob("*")):
            if path.is_file():
                out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


def truth_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


__all__ = ["DEFAULT_SEED", "committed", "files", "generated", "truth_files"]
