"""The classroom tests. test_classroom_load.py starts a JupyterHub and S browsers at once (minutes
of both cores): it runs on its own, after the rest of the suite (`make test-classroom`, which
`make test` calls), never beside other tests under pytest-xdist. So the suite's main run leaves
it out unless the file is named on the command line or COURSE_CLASSROOM_STUDENTS is set.
"""
import os
from pathlib import Path

from tests.browser.conftest import report  # noqa: F401  (the summary-line fixture, re-used)

LOAD_TEST = "test_classroom_load.py"


def pytest_ignore_collect(collection_path, config):
    if collection_path.name != LOAD_TEST or os.environ.get("COURSE_CLASSROOM_STUDENTS"):
        return None
    named = any(Path(str(arg).split("::")[0]).name == LOAD_TEST for arg in config.args)
    return None if named else True
