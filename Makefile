# The two commands of the course (see README.md):
#   make lab    install everything into .venv, then open JupyterLab on notebook 01
#   make test   install everything into .venv, then run every test (what CI runs)
#   make present  the instructor view: every slider figure, no code (Voilà, port 8866)

PYTHON_BOOTSTRAP ?= python3
# The course's matrices are small: one BLAS thread is never slower for them, while several
# threads per process on a busy 2-core machine made matrix products 10-30x slower (measured).
# Notebook kernels started by JupyterLab or by nbval inherit this.
export OPENBLAS_NUM_THREADS ?= 1
VENV := .venv
PYTHON := $(VENV)/bin/python
# reinstall whenever the pins or the package metadata change
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
FIRST_NOTEBOOK := notebooks/01_product_of_matrices.ipynb
# JupyterLab refuses to run as root unless told; containers and CI machines often are root
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install notebooks present

# the file browser shows the whole repository; the browser opens on notebook 01
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK)

test: $(STAMP)
	sh tools/install_browser.sh
	$(PYTHON) -m pytest -n 2 --dist loadfile

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PYTHON) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	rm -f $(VENV)/.installed-*
	touch $@

# The instructor view: instructor/dashboard.ipynb served by Voilà (widgets shown, code hidden)
# on this machine only; open the printed URL (PORT=... to change the port)
PORT ?= 8866
present: $(STAMP)
	$(VENV)/bin/voila instructor/dashboard.ipynb --no-browser --port=$(PORT) --Voila.ip=127.0.0.1

# Re-execute every notebook in place after changing it or the helpers (then commit them)
notebooks: $(STAMP)
	$(PYTHON) tools/execute_notebooks.py
