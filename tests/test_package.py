"""helpers/__init__.py: the public names, the package map, the one BLAS limit."""
import os
import subprocess
import sys

import helpers


def test_every_public_name_is_importable_from_helpers():
    from helpers import MLP, train  # noqa: F401 - the form the README shows

    for name in helpers.__all__:
        assert getattr(helpers, name) is not None, name


def test_importing_helpers_limits_blas_to_one_thread():
    """Even where nothing sets OPENBLAS_NUM_THREADS (Binder, a plain Jupyter)."""
    environment = {key: value for key, value in os.environ.items()
                   if key != "OPENBLAS_NUM_THREADS"}
    script = ("import helpers\n"
              "from threadpoolctl import threadpool_info\n"
              "print(max(p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'))")
    result = subprocess.run([sys.executable, "-c", script], env=environment,
                            capture_output=True, text=True, timeout=120, check=True)
    assert int(result.stdout) == 1  # numpy alone would use every core (2 on the test machine)


def test_the_package_map_names_every_module():
    """The package docstring is the one map of helpers/: a module it does not name is lost."""
    from pathlib import Path

    root = Path(helpers.__file__).parent
    doc = helpers.__doc__
    for path in root.rglob("*.py"):
        if path.name == "__init__.py" and path.parent != root:
            assert f"{path.parent.name}/" in doc, path.parent.name
        elif path.name != "__init__.py" and not path.stem.startswith("notebook"):  # NN modules
            assert path.stem in doc, f"{path.relative_to(root)} is missing from the package map"
