"""Run-wide hooks: lines that tests record with ``record_property("summary_line", text)`` (the
browser tests' latencies, see tests/browser/conftest.py) are printed at the end of the run.

These hooks live here, not in tests/browser/, because under pytest-xdist only conftest files
found before collection reach the controller process that writes the terminal summary.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from settings import RESULTS_FILE, SUMMARY_PROPERTY  # noqa: E402  (tools/ is not a package)


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller (or a run without xdist)
        RESULTS_FILE.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter):
    lines = [value
             for reports in terminalreporter.stats.values()
             for report in reports
             if getattr(report, "when", None) == "call"
             for key, value in getattr(report, "user_properties", ())
             if key == SUMMARY_PROPERTY]
    if lines:
        terminalreporter.section("summary lines recorded by the tests")
        for line in lines:
            terminalreporter.write_line(line)
