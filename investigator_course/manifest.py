"""SHA-256 manifests for dataset folders.

The manifest is in `sha256sum` format (`<hex>  <relative path>`), so a user
without the package can check it with `sha256sum -c MANIFEST.sha256` from the
datasets folder. `doctor` and the tests verify it through `verify_manifest`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "MANIFEST.sha256"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _data_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")
    )


def write_manifest(folder: Path) -> Path:
    """Record every file under `folder`; paths use forward slashes on every OS."""
    lines = [f"{sha256_of(p)}  {p.relative_to(folder).as_posix()}" for p in _data_files(folder)]
    manifest = folder / MANIFEST_NAME
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return manifest


@dataclass
class ManifestReport:
    missing: list[str]
    changed: list[str]
    unlisted: list[str]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.unlisted)


def read_manifest(folder: Path) -> dict[str, str]:
    entries = {}
    for line in (folder / MANIFEST_NAME).read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, relpath = line.split(maxsplit=1)
            entries[relpath.strip()] = digest
    return entries


def verify_manifest(folder: Path) -> ManifestReport:
    expected = read_manifest(folder)
    present = {p.relative_to(folder).as_posix(): p for p in _data_files(folder)}
    missing = sorted(set(expected) - set(present))
    changed = sorted(
        rel for rel, digest in expected.items()
        if rel in present and sha256_of(present[rel]) != digest
    )
    unlisted = sorted(set(present) - set(expected))
    return ManifestReport(missing, changed, unlisted)
