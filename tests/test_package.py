"""helpers/__init__.py: the public names, the older module paths, the one BLAS limit."""
import os
import subprocess
import sys

import helpers


def test_every_public_name_is_importable_from_helpers():
    from helpers import MLP, train  # noqa: F401 - the form the README shows

    for name in helpers.__all__:
        assert getattr(helpers, name) is not None, name


def test_older_module_paths_are_the_same_modules():
    import helpers.meanfield
    import helpers.models.network
    import helpers.models.rnn
    import helpers.network
    import helpers.rnn
    import helpers.theory.meanfield
    from helpers.rnn import rnn_forward

    assert helpers.rnn is helpers.models.rnn and rnn_forward is helpers.models.rnn.rnn_forward
    assert helpers.network is helpers.models.network
    assert helpers.meanfield is helpers.theory.meanfield


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
