"""Build the whole world from a seed and write datasets/ and the ground truth.

Only the four folders this generator owns are cleared and rewritten; anything else
under the output folder (for example datasets/tip_report) is left alone. Ground truth
goes to course/ground_truth/ for the default datasets/ folder, otherwise to a
`ground_truth` folder next to the output folder: never inside it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..manifest import write_manifest
from ..paths import datasets_dir, ground_truth_dir
from . import DEFAULT_SEED, bank, cases, chain, datasheets, recruitment
from .geo import CITIES
from .schemas import DATASETS, table, truth_table
from .shared import SharedWorld, build_shared
from .writer import write_table, write_text

BUILDERS = {"bank": bank.build, "chain": chain.build, "recruitment": recruitment.build,
            "cases": cases.build}
TRUTH_README = """# Ground truth (instructors only)

Generated with the datasets by `investigator-course datasets`. It says which entities,
rows, ads and addresses are planted, their roles and indicator codes. Never copy this
folder into a release, a trainee's workspace or feedback.

- `world.json`: the shared case (cast, route, operations, cross-links) and summary facts.
- `bank_*.csv`, `chain_*.csv`, `recruitment_*.csv`, `cases_*.csv`: per-dataset labels.
"""


@dataclass
class Report:
    out: Path
    truth: Path
    seconds: dict[str, float]
    bytes: dict[str, int]


def truth_dir_for(out: Path) -> Path:
    """course/ground_truth for the repository's datasets/, else a sibling folder."""
    out = out.resolve()
    try:
        if out == datasets_dir().resolve():
            return ground_truth_dir()
    except UserError:
        pass
    candidate = out.parent / "ground_truth"
    if candidate == out or out in candidate.parents:
        candidate = out.parent / f"{out.name}_ground_truth"
    return candidate


def _prepare(folder: Path) -> None:
    """Create the folder, or empty the files of a folder this generator owns."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} exists and is not a folder; choose another --out.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.is_file():
                old.unlink()
    except PermissionError as problem:
        raise UserError(f"cannot write to {folder}: permission denied.") from problem
    except OSError as problem:
        raise UserError(f"cannot write to {folder}: {problem.strerror or problem}.") from problem


def _write_truth_table(folder: Path, name: str, header, rows) -> int:
    lines = [",".join(header)]
    for row in rows:
        cells = []
        for v in row:
            text = "" if v is None else ("true" if v is True else "false" if v is False
                                         else str(v))
            if any(ch in text for ch in ',"\n'):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(",".join(cells))
    return write_text(folder / name, "\n".join(lines) + "\n")


def world_facts(world: SharedWorld) -> dict:
    return {
        "seed": world.seed, "scale": world.scale, "case_number": world.case_number,
        "cast": {k: {"role": p.role, "name": p.name, "phone": p.phone, "email": p.email,
                     "dob": p.dob.isoformat(), "device": p.device, "home": CITIES[p.home].name,
                     "nationality": p.nationality}
                 for k, p in sorted(world.people.items())},
        "businesses": {k: {"role": b.role, "name": b.name, "phone": b.phone, "email": b.email,
                           "city": CITIES[b.city].name} for k, b in
                       sorted(world.businesses.items())},
        "route": [{"city": CITIES[s.city].name, "from": s.start, "to": s.end}
                  for s in world.route],
        "operations": {k: {"scenario": o.scenario, "phones": o.phones, "email": o.email,
                           "handle": o.handle} for k, o in sorted(world.ops.items())},
        "cashouts": [{"deposit_utc_seconds": c.deposit_utc, "sat": c.sat, "source": c.source,
                      "withdraw_usd_cents": c.withdraw_usd_cents} for c in world.cashouts],
        "cross_links": {
            # measured from the data once both are built (see _ad_phones_in_bank)
            "ad_phone_is_bank_customer_phone": [],
            "exchange_kyc_names": "ctrl_b",
            "ctrl_b_bank_account": world.fixed_ids["ctrl_b_account"],
            "service_records_case_number": world.case_number,
        },
    }


def _ad_phones_in_bank(results: dict) -> list[str]:
    """The phones that are in a recruitment ad and on a bank customer's file, as written.

    Measured, not assumed: the recruitment data puts every advertiser's number on an area
    code of its home state, so a controller's number in the shared world (ctrl_c's, for one)
    need not reach the ads.
    """
    if "bank" not in results or "recruitment" not in results:
        return []
    phone = table("bank", "customers.csv").index("phone")
    on_file = {row[phone] for row in results["bank"].tables["customers.csv"]}
    contacts = truth_table("recruitment", "recruitment_ads.csv").index("contacts")
    in_ads = {c for row in results["recruitment"].truth["recruitment_ads.csv"]
              for c in row[contacts].split(";")}
    return sorted(on_file & in_ads)


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0, out: Path | None = None,
             progress: Callable[[str], None] = print, truth: Path | None = None) -> Report:
    check_scale(scale)
    out = Path(out) if out is not None else datasets_dir()
    truth = Path(truth) if truth is not None else truth_dir_for(out)
    _check_writable(out)
    _prepare(truth)
    started = time.perf_counter()
    world = build_shared(seed, scale)
    seconds, sizes = {"shared": time.perf_counter() - started}, {}
    facts = {"world": world_facts(world)}
    results = {}
    for name in DATASETS:
        t0 = time.perf_counter()
        result = results[name] = BUILDERS[name](world, seed, scale)
        folder = out / name
        _prepare(folder)
        counts, size = {}, 0
        for file, rows in result.tables.items():
            counts[file] = len(rows)
            size += write_table(folder, table(name, file), rows)
        size += write_text(folder / "DATASHEET.md", datasheets.render(name, seed, scale, counts))
        write_manifest(folder)
        for file, rows in result.truth.items():
            _write_truth_table(truth, file, truth_table(name, file).header, rows)
        facts[name] = result.facts
        seconds[name] = time.perf_counter() - t0
        sizes[name] = size
        progress(f"{name}: {result.summary} ... written in {seconds[name]:.1f} s "
                 f"({size / 1e6:.1f} MB)")
    facts["world"]["cross_links"]["ad_phone_is_bank_customer_phone"] = _ad_phones_in_bank(results)
    write_text(truth / "world.json", json.dumps(facts, indent=2, sort_keys=True,
                                                ensure_ascii=False) + "\n")
    write_text(truth / "README.md", TRUTH_README)
    write_manifest(truth)
    return Report(out, truth, seconds, sizes)


def _check_writable(out: Path) -> None:
    """Fail early, in one line, before anything is written."""
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; give a folder.")
    probe = out / ".investigator-course-write-test"
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except PermissionError as problem:
        raise UserError(f"cannot write to {out}: permission denied.") from problem
    except OSError as problem:
        raise UserError(f"cannot write to {out}: {problem.strerror or problem}.") from problem


def check_scale(scale: float) -> None:
    if not (scale == scale) or scale <= 0:
        raise UserError(f"--scale must be a positive number, not {scale}.")
    if scale > 50:
        raise UserError(f"--scale {scale} is too large (at most 50): the fictional phone "
                        "range and a laptop's memory run out.")
