"""Install the course's JupyterLab settings into a Python environment: the one shared step.

The settings live in one file, binder/overrides.json (today: no "official Jupyter news?"
pop-up over the course). JupyterLab reads overrides from
``<environment>/share/jupyter/lab/settings/``; this script copies the file there as
``overrides.d/vanishing-gradients-course.json``, a name of its own, so that a site's own
``overrides.json`` (a JupyterHub admin's) is neither overwritten nor overridden by it.

Called by every way the course runs:
- ``make lab`` / ``make test`` (the Makefile, into .venv),
- Binder and a zero-to-jupyterhub image (binder/postBuild, into the image's environment),
- ``make classroom`` (tools/classroom/hub.py, into the environment the students' servers use),
- a hub you run yourself: ``<hub's user environment>/bin/python tools/install_lab_settings.py``
  (e.g. ``sudo /opt/tljh/user/bin/python tools/install_lab_settings.py`` on The Littlest
  JupyterHub).

Usage: python tools/install_lab_settings.py [--prefix ENV]   (default: this interpreter's)
"""
import argparse
import json
import sys
from pathlib import Path

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "binder" / "overrides.json"
INSTALLED_NAME = "vanishing-gradients-course.json"


def settings_path(prefix):
    """Where JupyterLab (jupyterlab_server >= 2.28) reads namespaced overrides in ``prefix``."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / INSTALLED_NAME


def install(prefix=sys.prefix, source=SETTINGS_FILE):
    """Copy ``source`` (checked to be a JSON object of plugin settings) into ``prefix``."""
    try:
        settings = json.loads(Path(source).read_text())
    except (OSError, ValueError) as error:
        raise SystemExit(f"install_lab_settings: cannot read {source} as JSON: {error}")
    if not isinstance(settings, dict) or not all(isinstance(v, dict) for v in settings.values()):
        raise SystemExit(f"install_lab_settings: {source} must map plugin ids to settings objects")
    target = settings_path(prefix)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(settings, indent=2) + "\n")
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prefix", default=sys.prefix,
                        help="the Python environment JupyterLab runs from (default: %(default)s)")
    args = parser.parse_args(argv)
    print(f"JupyterLab settings of the course -> {install(args.prefix)}")


if __name__ == "__main__":
    main()
