"""Strict nbval over every stored notebook under each CPU setting below, one after the other.

The stored outputs must reproduce on any x86-64 CPU; the settings that emulate other CPUs are
listed in tools/settings.py. `make test` runs one of them besides the native one; this runs
them all (about 45 s each on a 2-core machine):

    python tools/portability.py                          # every notebook
    python tools/portability.py notebooks/05_through_time.ipynb   # only these notebooks
    python tools/portability.py --with-tests             # the unit tests too (make portability)

``--with-tests`` also runs tests/ (not the browser tests) under every setting, about 2.5 min
each: some tests rerun training sweeps that the notebooks quote, and a count that holds on one
CPU only must fail here too.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

from settings import AVX512_PORTABILITY, PORTABILITY, ROOT, TEST_WORKERS


def has_avx512():
    try:
        return " avx512f " in Path("/proc/cpuinfo").read_text().replace("\n", " ")
    except OSError:
        return False


def main(arguments):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Other options (-k EXPR, -x, ...) go to pytest as they are.")
    parser.add_argument("--with-tests", action="store_true",
                        help="run tests/ (not the browser tests) under every setting too")
    parser.add_argument("paths", nargs="*", default=["notebooks"],
                        help="notebooks or folders to check (default: notebooks)")
    options, pytest_options = parser.parse_known_args(arguments)
    paths = options.paths + pytest_options
    if options.with_tests:
        paths += ["tests", "--ignore=tests/browser"]
    settings = PORTABILITY + (AVX512_PORTABILITY if has_avx512() else [])
    if not has_avx512():
        print("(this CPU has no AVX-512: the SkylakeX settings are left out)")
    failed = []
    for setting in settings:
        label = " ".join(f"{name}={value!r}" if " " in value else f"{name}={value}"
                         for name, value in setting.items())
        print(f"--- {label}", flush=True)
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", *TEST_WORKERS, *paths],
                                cwd=ROOT, env={**os.environ, **setting})
        if result.returncode != 0:
            failed.append(label)
    if failed:
        print("stored outputs that did not reproduce under:\n  " + "\n  ".join(failed))
        return 1
    print(f"every stored output reproduced under all {len(settings)} settings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
