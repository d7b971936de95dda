"""The pieces of `make classroom` that need no hub: the arguments it refuses, the nbgitpuller
link, the course served as a git repository, and the JupyterLab settings step that make,
binder/postBuild and the classroom share. (The whole flow with browsers: test_classroom_load.py.)
"""
import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / "tools" / "classroom"
sys.path.insert(0, str(CLASSROOM))
sys.path.insert(0, str(ROOT / "tools"))
import hub  # noqa: E402
import install_lab_settings  # noqa: E402


def run_script(*args):
    return subprocess.run([sys.executable, str(CLASSROOM / "hub.py"), *args],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("students", ["0", "500", "-3", "eight", "2.5"])
def test_a_class_size_out_of_range_is_refused_with_what_is_allowed(students):
    result = run_script("--students", students)
    assert result.returncode == 2  # argparse's usage error: nothing was started
    assert f"from {hub.MIN_STUDENTS} to {hub.MAX_STUDENTS}, not {students!r}" in result.stderr


def test_a_short_shared_password_is_refused():
    result = run_script("--password", "short")
    assert result.returncode == 2
    assert "at least 8 characters" in result.stderr


def test_the_script_says_it_is_a_try_out_and_what_a_class_needs():
    text = (CLASSROOM / "hub.py").read_text() + (CLASSROOM / "jupyterhub_config.py").read_text()
    for words in ("127.0.0.1", "single sign-on", "GitHub OAuth", "LTI", "HTTPS"):
        assert words in text
    assert "0.0.0.0" not in text


def test_the_link_clones_into_the_target_path_and_opens_notebook_01():
    repo = "https://github.com/owner/course"
    path = hub.nbgitpuller_path(repo, branch="main")
    assert path.startswith("/hub/user-redirect/git-pull?")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query, strict_parsing=True)
    assert query == {"repo": [repo], "branch": ["main"], "targetpath": ["course"],
                     "urlpath": ["lab/tree/course/" + hub.FIRST_NOTEBOOK]}
    assert (ROOT / hub.FIRST_NOTEBOOK).exists()
    assert "repo=https%3A%2F%2Fgithub.com%2Fowner%2Fcourse" in path  # encoded, slashes too


def test_each_students_link_starts_their_server_then_pulls():
    links = hub.student_links("http://127.0.0.1:8000", "file:///tmp/course.git", "main",
                              ["student01", "student02"])
    split = urllib.parse.urlsplit(links["student02"])
    assert split.path == "/hub/spawn/student02"
    next_url = urllib.parse.parse_qs(split.query)["next"][0]
    assert next_url == "/user/student02/git-pull?" + \
        hub.nbgitpuller_path("file:///tmp/course.git", "main").split("?", 1)[1]


def test_student_names_sort_in_order_for_any_class_size():
    for count in (1, 9, 10, 100):
        names = hub.student_names(count)
        assert len(set(names)) == count and names == sorted(names)


def test_the_served_repository_is_this_checkouts_last_commit(tmp_path):
    url, commit = hub.serve_checkout(ROOT, tmp_path / "course.git", branch="main")
    assert url.startswith("file://")
    clone = tmp_path / "clone"
    # what nbgitpuller runs for a first click (it clones shallow)
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "main", url,
                    str(clone)], check=True, timeout=120, stdin=subprocess.DEVNULL)
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True,
                          text=True, check=True).stdout.strip() == commit
    assert (clone / hub.FIRST_NOTEBOOK).exists()


def test_the_settings_step_installs_what_jupyterlab_reads(tmp_path):
    from jupyterlab_server.settings_utils import _get_overrides
    installed = install_lab_settings.install(tmp_path)
    assert installed.is_relative_to(tmp_path)
    expected = json.loads((ROOT / "binder" / "overrides.json").read_text())
    overrides, error = _get_overrides(str(tmp_path / "share" / "jupyter" / "lab" / "settings"))
    assert not error
    for plugin, settings in expected.items():
        assert overrides[plugin] == settings  # JupyterLab's own reader sees every setting


def test_a_site_overrides_file_is_kept_and_wins(tmp_path):
    """A hub admin's own overrides.json is not replaced, and JupyterLab applies it last."""
    settings_dir = tmp_path / "share" / "jupyter" / "lab" / "settings"
    settings_dir.mkdir(parents=True)
    site = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "true"}}
    (settings_dir / "overrides.json").write_text(json.dumps(site))
    install_lab_settings.install(tmp_path)
    from jupyterlab_server.settings_utils import _get_overrides
    overrides, _ = _get_overrides(str(settings_dir))
    assert json.loads((settings_dir / "overrides.json").read_text()) == site
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "true"


def test_a_broken_settings_file_stops_the_step_with_its_name(tmp_path):
    broken = tmp_path / "overrides.json"
    broken.write_text('{"@jupyterlab/apputils-extension:notification": ')
    with pytest.raises(SystemExit, match="cannot read .*overrides.json as JSON"):
        install_lab_settings.install(tmp_path / "env", source=broken)


def test_every_environment_installs_the_settings_by_the_same_step():
    step = "tools/install_lab_settings.py"
    assert step in (ROOT / "Makefile").read_text()          # make lab, make test
    assert step in (ROOT / "binder" / "postBuild").read_text()  # Binder, a z2jh image
    assert "install_lab_settings.install(" in (CLASSROOM / "hub.py").read_text()  # classroom
    for place in ("Makefile", "binder/postBuild"):
        assert "cp binder/overrides.json" not in (ROOT / place).read_text()


def commit_all(folder, message):
    for command in (["add", "-A"], ["-c", "user.name=Instructor", "-c", "user.email=i@example.org",
                                    "commit", "--quiet", "-m", message], ["push", "--quiet"]):
        subprocess.run(["git", *command], cwd=folder, check=True, timeout=60,
                       stdin=subprocess.DEVNULL)


# nbgitpuller's git helper leaves its pipes to the garbage collector (its code, not ours)
@pytest.mark.filterwarnings("ignore::ResourceWarning",
                            "ignore::pytest.PytestUnraisableExceptionWarning")
def test_nbgitpuller_keeps_a_students_run_and_a_deleted_file_comes_back_fresh(tmp_path):
    """The merge rule the guide states, with nbgitpuller's own code: a student's re-run notebook
    (its stored outputs changed) wins over the instructor's later re-execution; a file the
    student did not touch is updated; deleting a file and clicking the link again gives the
    instructor's current copy."""
    from nbgitpuller.pull import GitPuller

    upstream, instructor = tmp_path / "course.git", tmp_path / "instructor"
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(upstream)], check=True)
    subprocess.run(["git", "clone", "--quiet", str(upstream), str(instructor)], check=True,
                   stderr=subprocess.DEVNULL)
    run = lambda who, count: json.dumps(  # noqa: E731  (a stored, executed notebook: one cell)
        {"cells": [{"cell_type": "code", "execution_count": count, "source": "print(1.5**10)",
                    "outputs": [{"output_type": "stream", "name": "stdout",
                                 "text": f"57.67 ({who})"}]}]}, indent=1)
    for name in ("01.ipynb", "02.ipynb"):
        (instructor / name).write_text(run("instructor, first run", 1))
    commit_all(instructor, "the course")

    home = tmp_path / "home" / "course"
    click = lambda: list(GitPuller(upstream.as_uri(), str(home), branch="main").pull())  # noqa: E731
    click()  # the first click clones
    assert (home / "01.ipynb").read_text() == run("instructor, first run", 1)

    students_run = run("student", 3)
    (home / "01.ipynb").write_text(students_run)  # Restart & Run All, saved
    for name in ("01.ipynb", "02.ipynb"):  # the instructor re-executes everything, pushes
        (instructor / name).write_text(run("instructor, second run", 1 + len(name)))
    commit_all(instructor, "re-executed")
    click()
    assert (home / "01.ipynb").read_text() == students_run  # the student's copy wins
    assert (home / "02.ipynb").read_text() == run("instructor, second run", 9)  # untouched: new

    (home / "01.ipynb").unlink()  # "delete the file and click the link again"
    click()
    assert (home / "01.ipynb").read_text() == run("instructor, second run", 9)
