"""Benchmark the synthetic-world generator: time and peak memory at --scale 1 and 10.

Each scale runs in a fresh Python process (so peak memory is that run's own), writing
into a temporary folder that is deleted afterwards. Targets on a 2-core machine:
scale 1 under 10 s, scale 10 no worse than linear (ratio <= 10), peak memory at
scale 1 under 1 GB. This prints figures; it is not a test.

    .venv/bin/python benchmarks/bench_world.py [--scales 1 10] [--seed N] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child(scale: float, seed: int, out: Path, use_tracemalloc: bool) -> None:
    """Generate once and print JSON figures (runs inside the measured process)."""
    import resource

    if use_tracemalloc:
        import tracemalloc
        tracemalloc.start()
    from investigator_course.world.generate import generate

    started = time.perf_counter()
    report = generate(seed, scale, out / "datasets", progress=lambda line: None)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024
    figures = {"scale": scale, "seconds": seconds, "peak_rss_mb": rss_mb,
               "bytes": sum(report.bytes.values()),
               "per_dataset_seconds": {k: round(v, 2) for k, v in report.seconds.items()}}
    if use_tracemalloc:
        figures["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    print(json.dumps(figures))


def measure(scale: float, seed: int, use_tracemalloc: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-world-") as tmp:
        cmd = [sys.executable, __file__, "--child", "--scales", str(scale), "--seed", str(seed),
               "--out", tmp] + (["--tracemalloc"] if use_tracemalloc else [])
        result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report Python-level peak allocation (slower)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.scales[0], args.seed, Path(args.out), args.tracemalloc)
        return 0
    rows = []
    for scale in args.scales:
        figures = measure(scale, args.seed, args.tracemalloc)
        rows.append(figures)
        extra = (f", tracemalloc peak {figures['tracemalloc_peak_mb']:.0f} MB"
                 if "tracemalloc_peak_mb" in figures else "")
        print(f"scale {scale:g}: {figures['seconds']:.1f} s, peak RSS "
              f"{figures['peak_rss_mb']:.0f} MB, {figures['bytes'] / 1e6:.1f} MB written "
              f"{figures['per_dataset_seconds']}{extra}")
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        factor = last["scale"] / first["scale"]
        ratio = last["seconds"] / first["seconds"]
        print(f"time ratio scale {last['scale']:g} / scale {first['scale']:g}: {ratio:.2f} "
              f"(linear would be {factor:g}); memory ratio "
              f"{last['peak_rss_mb'] / first['peak_rss_mb']:.2f}")
        verdicts = [("scale 1 under 10 s", first["seconds"] < 10),
                    ("no worse than linear", ratio <= factor),
                    ("peak memory at scale 1 under 1 GB", first["peak_rss_mb"] < 1024)]
        print("; ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
