"""A JupyterHub for a class, on this machine only: try the whole flow before term.

    make classroom                      # 8 students
    make classroom STUDENTS=30
    .venv/bin/python tools/classroom/hub.py --students 8 [--password ...] [--dir DIR]

What it starts, every port on 127.0.0.1 and chosen free:
- JupyterHub and its proxy (configurable-http-proxy, installed by make into tools/classroom/);
- a login with one shared password for student01 ... studentNN, and an "instructor" (admin);
- each student's server as a local process, home folder DIR/homes/<student>;
- the course as a git repository nbgitpuller can clone: the last commit of this checkout,
  pushed to DIR/course.git as branch main and served as a file:// URL (no network).
It prints the link a class gets (clone or update the course, open notebook 01 in JupyterLab)
and one link per student, then waits. Ctrl-C stops the hub, the proxy, every student's server
and kernel, and checks that nothing of the run is left.

THIS IS A TRY-OUT, NOT A CLASS SERVER. The shared password lets in anyone who has it, and every
student's server runs as your own user with no isolation between students: that is why it
listens on 127.0.0.1 only, where no other machine can reach it. A real class needs a real
authenticator (the university's single sign-on, GitHub OAuth, or LTI from the learning
platform), HTTPS, and a user or container per student: The Littlest JupyterHub or
zero-to-jupyterhub. See instructor/GUIDE.md, "Teach a class on a JupyterHub".
"""
import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tools"))
import install_lab_settings  # noqa: E402  (tools/, the one step that installs the settings)
import processes  # noqa: E402

MIN_STUDENTS, MAX_STUDENTS = 1, 100  # each active student needs about 350 MiB and a share of a core
MIN_PASSWORD_LENGTH = 8  # JupyterHub's SharedPasswordAuthenticator refuses shorter ones
INSTRUCTOR = "instructor"
TARGET_PATH = "course"  # the folder the course lands in, in every student's home
FIRST_NOTEBOOK = "notebooks/01_product_of_matrices.ipynb"
PROXY_COMMAND = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
DEFAULT_DIR = HERE / "run"
HUB_START_TIMEOUT = 120  # seconds
STOP_GRACE = 60  # seconds for the hub to stop every server, then whatever is left is killed


class ClassroomError(Exception):
    """A problem the instructor can fix; printed without a traceback."""


# ----- links ---------------------------------------------------------------------------------

def nbgitpuller_path(repo, branch="main", notebook=FIRST_NOTEBOOK, target_path=TARGET_PATH):
    """The part of an nbgitpuller link after the hub's address (``/hub/user-redirect/...``):
    clone ``repo`` (or update the clone) into ``~/<target_path>``, then open ``notebook`` in
    JupyterLab. Without targetpath the clone lands in a folder named after the repository and
    the notebook path would point at nothing."""
    query = urllib.parse.urlencode({
        "repo": repo, "branch": branch, "targetpath": target_path,
        "urlpath": f"lab/tree/{target_path}/{notebook}"}, quote_via=urllib.parse.quote, safe="")
    return f"/hub/user-redirect/git-pull?{query}"


def student_links(hub_url, repo, branch, students):
    """One link per student: log in (if needed), start *that* student's server, then the same
    git-pull as the class's link. (A plain /user/<student>/ link answers 424, "server not
    running", until the server has been started.)"""
    pull = nbgitpuller_path(repo, branch).split("/hub/user-redirect/", 1)[1]
    return {name: f"{hub_url}/hub/spawn/{name}?next=" +
            urllib.parse.quote(f"/user/{name}/{pull}", safe="") for name in students}


def student_names(count):
    width = max(2, len(str(count)))
    return [f"student{number:0{width}d}" for number in range(1, count + 1)]


# ----- checks --------------------------------------------------------------------------------

def students_argument(text):
    """argparse type: a whole number of students in the allowed range, or a clear error."""
    try:
        count = int(text)
    except ValueError:
        count = None
    if count is None or not MIN_STUDENTS <= count <= MAX_STUDENTS:
        raise argparse.ArgumentTypeError(
            f"the number of students must be a whole number from {MIN_STUDENTS} to "
            f"{MAX_STUDENTS}, not {text!r} (each active student needs about 350 MiB of memory "
            f"and a share of a core; a larger class belongs on a real JupyterHub)")
    return count


def password_argument(text):
    if len(text) < MIN_PASSWORD_LENGTH:
        raise argparse.ArgumentTypeError(
            f"the shared password must have at least {MIN_PASSWORD_LENGTH} characters "
            f"(it has {len(text)})")
    return text


def check_prerequisites():
    """Everything the run needs, with the command that installs what is missing."""
    missing = []
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"the Python package {module}")
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    if not singleuser.exists():
        missing.append(f"{singleuser}")
    if not PROXY_COMMAND.exists():
        missing.append(f"configurable-http-proxy ({PROXY_COMMAND})")
    if shutil.which("node") is None:
        missing.append("Node.js 20 or newer (the proxy runs on it)")
    if shutil.which("git") is None:
        missing.append("git (nbgitpuller clones the course with it)")
    if missing:
        raise ClassroomError("missing: " + "; ".join(missing) +
                             ".\nInstall with `make classroom` (it runs pip and npm for you), "
                             "or by hand: pip install -r tools/classroom/requirements.txt && "
                             "npm ci --prefix tools/classroom")
    return singleuser


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ----- the course as a git repository nbgitpuller can clone ----------------------------------

def git(*args, cwd=None):
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise ClassroomError(f"git {' '.join(args)} failed:\n{result.stderr.strip()}")
    return result.stdout.strip()


def serve_checkout(checkout, bare_repo, branch="main"):
    """Push ``checkout``'s HEAD (its last commit: uncommitted edits are not included) to a bare
    repository at ``bare_repo`` as ``branch``; return its file:// URL and the commit."""
    commit = git("rev-parse", "HEAD", cwd=checkout)
    if bare_repo.exists():
        shutil.rmtree(bare_repo)
    git("init", "--quiet", "--bare", str(bare_repo))
    git("config", "receive.shallowUpdate", "true", cwd=bare_repo)  # CI's clones are shallow
    git("push", "--quiet", str(bare_repo), f"HEAD:refs/heads/{branch}", cwd=checkout)
    git("symbolic-ref", "HEAD", f"refs/heads/{branch}", cwd=bare_repo)
    return bare_repo.resolve().as_uri(), commit


def uncommitted_course_files(checkout):
    status = git("status", "--porcelain", "--", "notebooks", "helpers", cwd=checkout)
    return [line[3:] for line in status.splitlines()]


# ----- the run -------------------------------------------------------------------------------

def wait_for_hub(url, hub_process, log_path, timeout=HUB_START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub_process.poll() is not None:
            raise ClassroomError(f"JupyterHub exited (code {hub_process.returncode}); "
                                 f"the end of {log_path}:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{url}/hub/health", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise ClassroomError(f"JupyterHub did not answer on {url} within {timeout} s; "
                         f"the end of {log_path}:\n{tail(log_path)}")


def tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(hub_process, run_id):
    """SIGTERM the hub (it stops every student's server and the proxy), wait, then end
    whatever of the run is left. Returns the processes that had to be killed."""
    if hub_process.poll() is None:
        hub_process.send_signal(signal.SIGTERM)
        try:
            hub_process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(hub_process.pid, signal.SIGKILL)  # the hub's own group, if anything is left
    except (ProcessLookupError, PermissionError):
        pass
    hub_process.wait()
    return processes.stop_run_processes(run_id)


def start(args):
    singleuser = check_prerequisites()
    run_dir = Path(args.dir).resolve()
    hub_dir, homes_dir = run_dir / "hub", run_dir / "homes"
    if hub_dir.exists():
        shutil.rmtree(hub_dir)  # a fresh hub each run (its database, its secret)
    if args.fresh_homes and homes_dir.exists():
        shutil.rmtree(homes_dir)
    hub_dir.mkdir(parents=True)
    homes_dir.mkdir(exist_ok=True)

    # the same JupyterLab settings as `make lab` and Binder, in the servers' environment
    install_lab_settings.install(sys.prefix)

    if args.repo:
        repo, commit = args.repo, None
    else:
        repo, commit = serve_checkout(ROOT, run_dir / "course.git", args.branch)
    students = student_names(args.students)
    port = args.port or free_port()
    url = f"http://127.0.0.1:{port}"
    run_id = secrets.token_hex(8)
    password = args.password or secrets.token_urlsafe(9)
    admin_password = secrets.token_urlsafe(32)
    singleuser_args = []
    if os.geteuid() == 0:  # containers and CI machines: Jupyter refuses root unless told
        singleuser_args.append("--ServerApp.allow_root=True")
    if args.expose_app:  # the load test reads the notebook's state from window.jupyterapp
        singleuser_args.append("--LabApp.expose_app_in_browser=True")
    # kernels' sockets (see jupyterhub_config.py): a short path, removed when the run stops
    runtime_dir = Path(tempfile.mkdtemp(prefix="classroom-"))
    settings = {
        "hub_dir": str(hub_dir), "homes_dir": str(homes_dir), "runtime_dir": str(runtime_dir),
        "port": port,
        "hub_port": free_port(), "proxy_api_port": free_port(),
        "proxy_command": str(PROXY_COMMAND), "students": students, "instructor": INSTRUCTOR,
        "singleuser_command": str(singleuser), "singleuser_args": singleuser_args,
        "environment": {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "OPENBLAS_NUM_THREADS": "1",
            processes.MARK: run_id},
    }
    settings_path = hub_dir / "settings.json"
    settings_path.write_text(json.dumps(settings, indent=2))
    log_path = hub_dir / "jupyterhub.log"
    with log_path.open("w") as log:
        hub_process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(HERE / "jupyterhub_config.py")],
            cwd=hub_dir, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, processes.MARK: run_id, "CLASSROOM_SETTINGS": str(settings_path),
                 "CLASSROOM_PASSWORD": password, "CLASSROOM_ADMIN_PASSWORD": admin_password},
            start_new_session=True)  # Ctrl-C reaches this script, which stops the hub in order
    return {"url": url, "repo": repo, "branch": args.branch, "commit": commit,
            "students": students, "password": password, "admin_password": admin_password,
            "run_id": run_id, "run_dir": run_dir, "log_path": log_path,
            "runtime_dir": runtime_dir,
            "hub_process": hub_process}


def announce(run, show_password):
    link = run["url"] + nbgitpuller_path(run["repo"], run["branch"])
    per_student = student_links(run["url"], run["repo"], run["branch"], run["students"])
    password = run["password"] if show_password else "(the one you gave with --password)"
    print(f"""
A JupyterHub for {len(run['students'])} students is running at {run['url']}  (this machine only)
  course:   {run['repo']}  branch {run['branch']}{f'  (commit {run["commit"][:10]})' if run['commit'] else ''}
  log:      {run['log_path']}
  homes:    {run['run_dir'] / 'homes'}

TRY-OUT ONLY: one shared password lets anyone in, servers run as your user, so it listens on
127.0.0.1 only. A real class needs a real authenticator (single sign-on, GitHub OAuth or LTI)
and HTTPS: see instructor/GUIDE.md, "Teach a class on a JupyterHub".

Log in as student01 ... {run['students'][-1]} with the password: {password}
  (and as {INSTRUCTOR}, the admin, with: {run['admin_password']})

The link a class gets (the same for every student; it clones or updates ~/{TARGET_PATH}, then
opens notebook 01 in JupyterLab):
  {link}

One link per student (open each in its own private window to be that student):""")
    for name, student_link in per_student.items():
        print(f"  {name}  {student_link}")
    print("\nPress Ctrl-C to stop the hub, every student's server and kernel.", flush=True)
    return link, per_student


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="A local JupyterHub for trying the course's class flow (127.0.0.1 only; "
                    "NOT for a real class: see instructor/GUIDE.md).")
    parser.add_argument("--students", type=students_argument, default=8,
                        help=f"how many students, {MIN_STUDENTS} to {MAX_STUDENTS} "
                             "(default: %(default)s)")
    parser.add_argument("--password", type=password_argument,
                        default=os.environ.get("CLASSROOM_PASSWORD") or None,
                        help="the students' shared password, at least 8 characters "
                             "(default: $CLASSROOM_PASSWORD, or a new random one, printed)")
    parser.add_argument("--dir", default=str(DEFAULT_DIR),
                        help="the run's folder: hub files, the served course, the students' "
                             "homes (kept between runs) (default: %(default)s)")
    parser.add_argument("--fresh-homes", action="store_true",
                        help="empty the students' homes first (every student starts from a "
                             "fresh copy of the course)")
    parser.add_argument("--repo", help="clone this git URL instead of serving this checkout "
                                       "(e.g. the course's public GitHub URL)")
    parser.add_argument("--branch", default="main", help="the branch to clone (default: main)")
    parser.add_argument("--port", type=int, default=0, help="the hub's port (default: a free one)")
    parser.add_argument("--ready-file", help=argparse.SUPPRESS)  # the load test's hand-off
    parser.add_argument("--expose-app", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    stopping = []

    def on_signal(signal_number, frame):
        if stopping:
            print("still stopping, please wait ...", flush=True)
            return
        stopping.append(signal_number)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    run, status = None, 0
    try:
        if uncommitted := (not args.repo and uncommitted_course_files(ROOT)):
            print("Note: students get the last commit; these uncommitted changes are not "
                  "included: " + ", ".join(uncommitted[:5]) + (" ..." if len(uncommitted) > 5
                                                                else ""))
        run = start(args)
        wait_for_hub(run["url"], run["hub_process"], run["log_path"])
        link, per_student = announce(run, show_password=not args.password)
        if args.ready_file:
            Path(args.ready_file).write_text(json.dumps({
                "url": run["url"], "link": link, "links": per_student,
                "students": run["students"], "run_id": run["run_id"],
                "run_dir": str(run["run_dir"]), "log": str(run["log_path"])}))
        while not stopping:
            try:
                run["hub_process"].wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                continue
            raise ClassroomError(f"JupyterHub exited unexpectedly (code "
                                 f"{run['hub_process'].returncode}); the end of "
                                 f"{run['log_path']}:\n{tail(run['log_path'])}")
    except ClassroomError as error:
        print(f"classroom: {error}", file=sys.stderr)
        status = 1
    finally:
        if run is not None:
            print("\nStopping the hub, the proxy, every student's server and kernel ...",
                  flush=True)
            killed = stop(run["hub_process"], run["run_id"])
            shutil.rmtree(run["runtime_dir"], ignore_errors=True)
            left = processes.run_processes(run["run_id"])
            if killed:
                print(f"  ({len(killed)} process(es) did not stop with the hub and were ended: "
                      + ", ".join(f"{p.role} {p.pid}" for p in killed) + ")")
            if left:
                print("  STILL RUNNING: " + ", ".join(f"{p.role} {p.pid}" for p in left),
                      file=sys.stderr)
                status = 1
            else:
                print("Stopped; nothing of this run is left running.", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
