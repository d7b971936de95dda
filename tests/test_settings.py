"""One home for settings (tools/settings.py): the Makefile reads it through its command line,
and tools/portability.py runs its matrix."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import portability  # noqa: E402  (tools/ is not a package)
import settings  # noqa: E402


def read(name):
    return subprocess.run([sys.executable, str(ROOT / "tools" / "settings.py"), name],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_the_makefile_reads_the_same_settings_the_tools_use():
    assert read("test-workers").split() == settings.TEST_WORKERS
    assert read("chromium") == settings.CHROMIUM
    other_cpu = read("other-cpu")
    for name, value in settings.OTHER_CPU.items():
        assert f"{name}=" in other_cpu and value.split()[0] in other_cpu


def test_an_unknown_setting_is_refused_with_the_known_ones():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "settings.py"), "threads"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "other-cpu" in result.stderr


def test_the_other_cpu_of_make_test_is_one_of_the_portability_matrix():
    assert settings.OTHER_CPU in settings.PORTABILITY
    assert settings.OTHER_CPU["OPENBLAS_CORETYPE"] != "SkylakeX"  # runs on every x86-64


def test_portability_finds_avx512_where_grep_does():
    """The AVX-512 settings run only where the CPU has it: the same answer as grep's."""
    grep = subprocess.run(["grep", "-qw", "avx512f", "/proc/cpuinfo"]).returncode == 0
    assert portability.has_avx512() is grep


@pytest.mark.parametrize("setting", settings.PORTABILITY + settings.AVX512_PORTABILITY)
def test_every_setting_names_an_openblas_kernel_and_a_thread_count(setting):
    assert setting["OPENBLAS_CORETYPE"] and setting["OPENBLAS_NUM_THREADS"] in ("1", "2")
