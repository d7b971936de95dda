"""One home for the project's settings: the Makefile, the tools, the tests and the bench read
them here (the number of BLAS threads is the package's own: ``helpers.BLAS_THREADS``).

    python3 tools/settings.py other-cpu      # print one setting, as the Makefile reads it

Plain Python without third-party imports, so the Makefile can read it before any venv exists.
"""
import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# pytest-xdist: two workers (CI has two cores), one notebook per worker, because the cells of a
# notebook share one kernel and fail with NameErrors when split across workers
TEST_WORKERS = ["-n", "2", "--dist", "loadfile"]

# the browser tests: Debian's Chromium (Playwright's own download is not reachable here); no
# sandbox as root, no GPU, and no background network traffic, which a closed network refuses
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]

# what failing tests leave behind (screenshots, server logs) and the lines the tests report
ARTIFACTS = ROOT / "test-artifacts"
RESULTS_FILE = ARTIFACTS / "browser-results.txt"
SUMMARY_PROPERTY = "summary_line"

# The stored outputs must reproduce on any x86-64 CPU: whichever OpenBLAS kernel numpy's
# OpenBLAS picks there, with one or two BLAS threads, with or without numpy's own AVX2 and
# AVX-512 code paths. tools/portability.py runs every setting; `make test` runs OTHER_CPU.
NO_AVX512 = "X86_V4 AVX512_ICL AVX512_SPR"
BASELINE_ONLY = "X86_V3 " + NO_AVX512  # numpy's x86-64-v2 code only
PORTABILITY = [
    {"OPENBLAS_CORETYPE": "Haswell", "OPENBLAS_NUM_THREADS": "1"},
    {"OPENBLAS_CORETYPE": "Haswell", "OPENBLAS_NUM_THREADS": "2",
     "NPY_DISABLE_CPU_FEATURES": NO_AVX512},
    {"OPENBLAS_CORETYPE": "Zen", "OPENBLAS_NUM_THREADS": "2"},
    {"OPENBLAS_CORETYPE": "Sandybridge", "OPENBLAS_NUM_THREADS": "1",
     "NPY_DISABLE_CPU_FEATURES": BASELINE_ONLY},
    {"OPENBLAS_CORETYPE": "Nehalem", "OPENBLAS_NUM_THREADS": "1"},
    {"OPENBLAS_CORETYPE": "Prescott", "OPENBLAS_NUM_THREADS": "2",
     "NPY_DISABLE_CPU_FEATURES": BASELINE_ONLY},
]
# OpenBLAS's AVX-512 kernels run only on a CPU that has AVX-512
AVX512_PORTABILITY = [
    {"OPENBLAS_CORETYPE": "SkylakeX", "OPENBLAS_NUM_THREADS": "1"},
    {"OPENBLAS_CORETYPE": "SkylakeX", "OPENBLAS_NUM_THREADS": "2"},
]
# the second nbval pass of `make test`: the generic Prescott kernel, two threads and numpy's
# baseline code, so a printed number that holds on one CPU only fails here, not elsewhere
OTHER_CPU = PORTABILITY[-1]


def as_environment(setting):
    """``NAME=value ...`` for a shell, quoted where needed."""
    return " ".join(f"{name}={shlex.quote(value)}" for name, value in setting.items())


FOR_MAKE = {
    "other-cpu": lambda: as_environment(OTHER_CPU),
    "test-workers": lambda: " ".join(TEST_WORKERS),
    "chromium": lambda: CHROMIUM,
}


def main(arguments):
    if len(arguments) != 1 or arguments[0] not in FOR_MAKE:
        print(f"usage: python3 tools/settings.py {{{','.join(FOR_MAKE)}}}", file=sys.stderr)
        return 2
    print(FOR_MAKE[arguments[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
