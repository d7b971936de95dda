"""The processes one classroom run started, found by a mark in their environment (Linux /proc).

tools/classroom/hub.py starts JupyterHub with ``COURSE_CLASSROOM_RUN=<run id>`` in its
environment and gives the same variable to every student's server (``Spawner.environment``);
the proxy, the servers' kernels and nbgitpuller's git inherit it. So "what is still running
of this run" is a question /proc can answer, whatever process group or session each one is in
(JupyterHub starts every single-user server in a session of its own).
"""
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

MARK = "COURSE_CLASSROOM_RUN"
PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20 if hasattr(os, "sysconf") else 4 / 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class RunProcess:
    pid: int
    role: str          # hub, proxy, server, kernel, other
    user: str          # the student (JUPYTERHUB_USER) for servers and kernels, else ""
    rss_mib: float
    cpu_seconds: float  # user + system time, its own and its waited-for children's


def _environ(pid):
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def _role(cmdline):
    if "ipykernel" in cmdline:
        return "kernel"
    if "jupyterhub-singleuser" in cmdline:
        return "server"
    if "configurable-http-proxy" in cmdline:
        return "proxy"
    if "jupyterhub" in cmdline:
        return "hub"
    return "other"


def run_processes(run_id):
    """Every live process of the run ``run_id`` (empty where /proc does not exist)."""
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            environ = _environ(pid)
            if environ.get(MARK) != run_id:
                continue
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            # fields after the command name (which may hold spaces) : state is field 3
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if fields[0] == "Z":  # a zombie holds no memory and is only waiting to be reaped
                continue
            utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
            rss_pages = int((entry / "statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            continue  # it ended while we looked, or is not ours to read
        found.append(RunProcess(pid, _role(cmdline), environ.get("JUPYTERHUB_USER", ""),
                                rss_pages * PAGE_MIB,
                                (utime + stime + cutime + cstime) / CLOCK_TICKS))
    return found


def stop_run_processes(run_id, grace_seconds=10):
    """SIGTERM whatever is left of the run, then SIGKILL after ``grace_seconds``.
    Returns the processes that were still there (before the signals)."""
    left = run_processes(run_id)
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        for process in run_processes(run_id):
            try:
                os.kill(process.pid, signal_number)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace_seconds
        while run_processes(run_id) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not run_processes(run_id):
            break
    return left
