"""Pieces the browser tests share (tests/browser/ and tests/hub/test_classroom_load.py).

- ``ARM_MOVE_JS``: before a slider key press, note when the key goes down and when the
  figure's picture changes (``window.__move``: keyAt, imageAt), for the key-to-image latency.
- ``start_lab(start_server, served, name)``: JupyterLab serving the folder ``served`` with the
  tests' user settings (``LAB_USER_SETTINGS``: no news toast, no autosave, no windowing).
- ``start_voila(start_server, notebook, name)``: Voilà serving ``notebook`` with the lecture
  template, as ``make present`` does.

``start_server`` is the fixture of tests/browser/conftest.py: the servers run on a free
127.0.0.1 port and are stopped at the end of the session.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# before each keypress: note when the key goes down and when the figure's image src changes
ARM_MOVE_JS = """(root) => {
  const picture = () => { const images = root.querySelectorAll("img");
                          return images.length ? images[images.length - 1].getAttribute("src") : null; };
  const move = {before: picture(), keyAt: null, imageAt: null};
  root.addEventListener("keydown", () => { if (move.keyAt === null) move.keyAt = performance.now(); },
                        {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const now = picture();
    if (now && now !== move.before && move.imageAt === null) {
      move.imageAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ["src"]});
  window.__move = move;
}"""

# JupyterLab user settings for the test servers: no news toast, no autosave (the copies stay
# as they were), and every cell attached to the page (no windowing: all outputs are in the DOM)
LAB_USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def write_lab_settings(settings_dir):
    """Write :data:`LAB_USER_SETTINGS` into a JupyterLab user-settings folder."""
    for relative, values in LAB_USER_SETTINGS.items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def start_lab(start_server, served, name, expose_app=False):
    """JupyterLab (no token, no extension manager, no news) serving the folder ``served``, with
    its user settings and workspaces in ``served``; ``expose_app`` sets window.jupyterapp, which
    tests read the kernel's state from. Returns the running server."""
    write_lab_settings(served / ".settings")
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
               "--ServerApp.ip=127.0.0.1", "--ServerApp.port={port}", "--ServerApp.port_retries=0",
               "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={served}",
               "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
               f"--LabApp.user_settings_dir={served / '.settings'}",
               f"--LabApp.workspaces_dir={served / '.workspaces'}"]
    if expose_app:
        command.append("--LabApp.expose_app_in_browser=True")
    return start_server(command, ready_path="/api", name=name, cwd=served)


def start_voila(start_server, notebook, name):
    """Voilà serving ``notebook`` with the lecture template (instructor/jupyter, which loads
    nothing from the network), as ``make present`` does, on another port."""
    return start_server(
        [sys.executable, "-m", "voila", str(notebook), "--template=lecture", "--no-browser",
         "--port={port}", "--Voila.ip=127.0.0.1", "--show_tracebacks=True"],
        ready_path="/voila/static/", name=name, cwd=ROOT, timeout=120,
        env={"JUPYTER_PATH": str(ROOT / "instructor" / "jupyter")})
