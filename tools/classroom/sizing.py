"""The sizing table of instructor/GUIDE.md from load-test runs (test-artifacts/classroom-<S>.json).

    make test-classroom CLASSROOM_TEST_STUDENTS=2   # ... and 4, 8, 12: one file per class size
    .venv/bin/python tools/classroom/sizing.py [FILE ...]

Prints one Markdown row per run: class size, students per core on this machine, the medians
over the students (open, run all, slider move p50) and the worst p90, memory per student, and
the conditions (cores, load average before the run, which other jobs on the machine raise).
"""
import json
import os
import sys
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

HEADER = ("| students at once | students per core | open notebook 01, s (median / worst) "
          "| run all, s (median / worst) | slider move → image, ms (median p50 / worst p90) "
          "| MiB per student (server + kernels) | students per GB | load average before |\n"
          "|---|---|---|---|---|---|---|---|")


def row(summary):
    mib = summary["mib_per_student_median"]
    return (f"| {summary['students']} | {summary['students'] / summary['cores']:g} "
            f"| {summary['open_s_median']:.0f} / {summary['open_s_max']:.0f} "
            f"| {summary['run_all_s_median']:.0f} / {summary['run_all_s_max']:.0f} "
            f"| {summary['move_p50_ms_median']:.0f} / {summary['move_p90_ms_max']:.0f} "
            f"| {mib:.0f} ({summary['server_mib_median']:.0f} + "
            f"{summary['kernels_mib_end_median']:.0f}) | {1024 / mib:.1f} "
            f"| {summary['load_average_before']:g} |")


def main(paths):
    files = [Path(p) for p in paths] or sorted(
        ARTIFACTS.glob("classroom-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    summaries = [json.loads(f.read_text())["summary"] for f in files]
    summaries = [s for s in summaries if s]
    if not summaries:
        sys.exit(f"no load-test results in {ARTIFACTS} (run make test-classroom first)")
    print(HEADER)
    for summary in sorted(summaries, key=lambda s: s["students"]):
        print(row(summary))
    print(f"\n{os.cpu_count()} cores here; each row is one run: {', '.join(map(str, files))}")


if __name__ == "__main__":
    main(sys.argv[1:])
