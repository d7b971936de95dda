# The two commands of the course (see README.md):
#   make lab    install the course into .venv, then open JupyterLab on notebook 01
#   make test   install the course and its test tools into .venv, then run every test (what CI runs)
# and a few more:
#   make present      the instructor view: every slider figure, no code (Voilà, port 8866)
#   make notebooks    re-execute every notebook in place after a change (then commit them)
#   make portability  nbval and the unit tests under every OpenBLAS kernel and numpy SIMD level
#   make html         the static HTML edition of the course, from the stored notebooks, in _site/
#   make classroom    a JupyterHub for STUDENTS=8 students on this machine (127.0.0.1 only, a
#                     try-out before term, not a class server), with the nbgitpuller links
#   make test-classroom  the load test: CLASSROOM_TEST_STUDENTS=8 browsers at once on that hub

# Python 3.11 or newer (numpy 2.4.6 needs it); choose another with PYTHON_BOOTSTRAP=python3.12
PYTHON_BOOTSTRAP ?= python3
VENV := .venv
PYTHON := $(VENV)/bin/python
# reinstall whenever the pins or the package metadata change
COURSE_STAMP := $(VENV)/.course-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | cksum | cut -d' ' -f1)
CLASSROOM_FILES := tools/classroom/requirements.txt tools/classroom/package.json tools/classroom/package-lock.json
CLASSROOM_STAMP := $(VENV)/.classroom-$(shell cat $(CLASSROOM_FILES) | cksum | cut -d' ' -f1)
FIRST_NOTEBOOK := notebooks/01_product_of_matrices.ipynb
# JupyterLab refuses to run as root unless told; containers and CI machines often are root
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Test workers, the browser and the second nbval pass of `make test` (stored outputs as another
# CPU computes them): one home for such settings, tools/settings.py
SETTINGS := $(PYTHON_BOOTSTRAP) tools/settings.py
TEST_WORKERS := $(shell $(SETTINGS) test-workers)
OTHER_CPU := $(shell $(SETTINGS) other-cpu)

.PHONY: lab test install install-dev notebooks present portability html python-version \
	classroom test-classroom

# the file browser shows the whole repository; the browser opens on notebook 01
lab: $(COURSE_STAMP)
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK)

test: $(DEV_STAMP) $(CLASSROOM_STAMP)
	sh tools/install_browser.sh
	$(PYTHON) -m pytest $(TEST_WORKERS)
	@echo "--- the stored notebook outputs again, as another CPU computes them: $(OTHER_CPU)"
	env $(OTHER_CPU) $(PYTHON) -m pytest $(TEST_WORKERS) notebooks
	@echo "--- a class at once: $(CLASSROOM_TEST_STUDENTS) students in real browsers on a local JupyterHub"
	$(MAKE) --no-print-directory test-classroom

install: $(COURSE_STAMP)

install-dev: $(DEV_STAMP)

# Stop at once, with the way out, when the interpreter is too old (pip would fail half-way).
python-version:
	@py=$$(test -x $(PYTHON) && echo $(PYTHON) || echo $(PYTHON_BOOTSTRAP)); \
	$$py -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "The course needs Python 3.11 or newer (numpy 2.4.6 does);" \
		     "'$$py' is $$($$py --version 2>/dev/null || echo 'not found')." >&2; \
		echo "Choose another interpreter, e.g.: make $(or $(MAKECMDGOALS),test)" \
		     "PYTHON_BOOTSTRAP=python3.12" >&2; \
		if [ "$$py" = "$(PYTHON)" ]; then echo "(and remove the old $(VENV) first: rm -rf $(VENV))" >&2; fi; \
		exit 1; }

$(COURSE_STAMP): requirements.txt pyproject.toml binder/overrides.json tools/install_lab_settings.py \
		| python-version
	test -x $(PYTHON) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PYTHON) tools/install_lab_settings.py
	rm -f $(VENV)/.course-*
	touch $@

$(DEV_STAMP): $(COURSE_STAMP) requirements-dev.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.dev-*
	touch $@

# The lecture (instructor/dashboard.ipynb) served by Voilà (widgets shown, code hidden) on this
# machine only; open the printed URL (PORT=... to change the port). Its page template, in
# instructor/jupyter, loads nothing from the network.
PORT ?= 8866
present: $(COURSE_STAMP)
	JUPYTER_PATH=$(CURDIR)/instructor/jupyter $(VENV)/bin/voila instructor/dashboard.ipynb \
		--template=lecture --no-browser --port=$(PORT) --Voila.ip=127.0.0.1

# Re-execute every notebook in place after changing it or the helpers (then commit them)
notebooks: $(DEV_STAMP)
	$(PYTHON) tools/execute_notebooks.py

# Strict nbval over the stored notebooks, and the unit tests, under each CPU setting in
# tools/portability.py (about 20 minutes on 2 cores)
portability: $(DEV_STAMP)
	$(PYTHON) tools/portability.py --with-tests

# The static HTML edition (every figure as stored, an index page), offline, into _site/
html: $(COURSE_STAMP)
	$(PYTHON) tools/build_html.py --out _site

# A JupyterHub for a class, on this machine only (127.0.0.1): STUDENTS students log in with one
# shared password and get the course through an nbgitpuller link; Ctrl-C stops everything.
# A try-out before term, NOT a class server (instructor/GUIDE.md, "Teach a class on a JupyterHub").
STUDENTS ?= 8
classroom: $(CLASSROOM_STAMP)
	$(PYTHON) tools/classroom/hub.py --students $(STUDENTS)

# The load test: CLASSROOM_TEST_STUDENTS students at once in headless Chromium on that hub
# (log in, follow the link, run notebook 01, move a slider, Train/Stop notebook 08's dashboard);
# its table is in the run's summary and test-artifacts/classroom-<students>.json. `make test` runs it.
CLASSROOM_TEST_STUDENTS ?= 8
test-classroom: $(DEV_STAMP) $(CLASSROOM_STAMP)
	sh tools/install_browser.sh
	COURSE_CLASSROOM_STUDENTS=$(CLASSROOM_TEST_STUDENTS) $(PYTHON) -m pytest -p no:xdist tests/hub/test_classroom_load.py

# JupyterHub and nbgitpuller in the course's environment, the proxy (Node.js) beside the script
$(CLASSROOM_STAMP): $(COURSE_STAMP) $(CLASSROOM_FILES)
	@command -v npm >/dev/null || { echo "make classroom needs Node.js 20 or newer and npm" \
		"(e.g. apt-get install nodejs npm)" >&2; exit 1; }
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r tools/classroom/requirements.txt
	npm ci --prefix tools/classroom --no-audit --no-fund --loglevel=error
	rm -f $(VENV)/.classroom-*
	touch $@
