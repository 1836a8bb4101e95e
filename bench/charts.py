"""Each chart must build and render in well under the digest's budget, and rendering must not leak figures.

    .venv/bin/python bench/charts.py [--renders 20]

Builds and renders the four sample charts `--renders` times each (after one warm-up round that loads the
fonts), prints the mean and worst milliseconds per chart and the growth of peak RSS over the run, and
compares them with the targets: every chart under 1.5 s, peak RSS up by at most 50 MB (figures are freed).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.charts import PNG_MAGIC, render_png
from bot.charts.samples import SAMPLES

TARGET_SECONDS = 1.5
TARGET_RSS_GROWTH_MB = 50


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def time_chart(name: str, renders: int) -> list[float]:
    """Seconds per build + render of the named sample chart."""
    samples = []
    for _ in range(renders):
        started = time.perf_counter()
        png = render_png(SAMPLES[name]())
        samples.append(time.perf_counter() - started)
        assert png.startswith(PNG_MAGIC)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=20, help="renders of each chart (default 20)")
    args = parser.parse_args()
    for name in SAMPLES:
        time_chart(name, 1)  # warm-up: font cache, glyph cache, imports
    baseline = peak_rss_mb()
    slowest = 0.0
    for name in SAMPLES:
        samples = time_chart(name, args.renders)
        mean, worst = statistics.mean(samples), max(samples)
        slowest = max(slowest, mean)
        print(f"{name:>12}: mean {mean * 1e3:7.1f} ms   worst {worst * 1e3:7.1f} ms   ({args.renders} renders)")
    growth = peak_rss_mb() - baseline
    verdict = "PASS" if slowest < TARGET_SECONDS and growth <= TARGET_RSS_GROWTH_MB else "FAIL"
    print(
        f"slowest mean {slowest * 1e3:.1f} ms (target < {TARGET_SECONDS * 1e3:.0f} ms); "
        f"peak RSS {baseline:.1f} → {baseline + growth:.1f} MB, growth {growth:.1f} MB "
        f"(target ≤ {TARGET_RSS_GROWTH_MB} MB) → {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
