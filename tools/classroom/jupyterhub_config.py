"""JupyterHub configuration of `make classroom` (read by tools/classroom/hub.py's hub).

FOR A TRY-OUT ON ONE MACHINE, NOT FOR A CLASS. One shared password lets anyone in, and every
student's server runs as *your* user, with no isolation between students. That is why
everything here listens on 127.0.0.1 only: no other machine can reach it. A real class needs a
real authenticator (the university's single sign-on, GitHub OAuth, or LTI from the learning
platform), HTTPS, and one system user or container per student: The Littlest JupyterHub or
zero-to-jupyterhub (instructor/GUIDE.md, "Teach a class on a JupyterHub").

hub.py writes the run's settings (ports, students, folders) to a JSON file and passes its
path in CLASSROOM_SETTINGS, and the passwords in the environment (never on disk).
"""
import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides it)
settings = json.loads(Path(os.environ["CLASSROOM_SETTINGS"]).read_text())
hub_dir = Path(settings["hub_dir"])

# --- on this machine only: every port on 127.0.0.1 ------------------------------------------
c.JupyterHub.ip = "127.0.0.1"                      # what browsers open (the proxy)
c.JupyterHub.port = settings["port"]
c.JupyterHub.hub_ip = "127.0.0.1"                  # the hub itself, behind the proxy
c.JupyterHub.hub_port = settings["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['proxy_api_port']}"
c.ConfigurableHTTPProxy.command = [settings["proxy_command"]]
c.ConfigurableHTTPProxy.pid_file = str(hub_dir / "proxy.pid")
c.Spawner.ip = "127.0.0.1"                         # each student's server; its port is random

# --- who gets in: one shared password (a try-out; a class needs single sign-on, OAuth or LTI)
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["CLASSROOM_PASSWORD"]
c.SharedPasswordAuthenticator.admin_password = os.environ["CLASSROOM_ADMIN_PASSWORD"]
c.Authenticator.allowed_users = set(settings["students"])
c.Authenticator.admin_users = {settings["instructor"]}

# --- each student's server: a local process with a home folder of its own --------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = settings["homes_dir"] + "/{username}"
c.Spawner.cmd = [settings["singleuser_command"]]
c.Spawner.default_url = "/lab"
# JupyterHub passes almost nothing of its own environment on; the servers need PATH (git for
# nbgitpuller, the course's Python), one BLAS thread (as helpers sets it), and the run's mark
c.Spawner.environment = dict(settings["environment"])
# Kernels talk to their server over local (Unix) sockets, not TCP ports: with many servers
# starting kernels at once, a TCP port a server picks can be taken before its kernel binds it
# ("Address already in use", the kernel never starts; seen here with 8 students). The sockets
# live in a short per-student folder (a socket path may be at most ~100 characters).
c.Spawner.args = settings["singleuser_args"] + ["--KernelManager.transport=ipc"]
c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = \
    lambda spawner: str(Path(settings["runtime_dir"]) / spawner.user.name)
# many students starting at once on a small machine: give each server time to come up
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300

# --- the hub's own files in the run's folder --------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{hub_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(hub_dir / "jupyterhub_cookie_secret")
# on SIGTERM the hub stops every student's server and the proxy (the defaults, said aloud)
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
