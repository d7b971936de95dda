#!/bin/sh
# The browser tests (tests/browser) drive Debian's Chromium at /usr/bin/chromium through
# Playwright (Playwright's own browser download is not reachable here). `make test` calls
# this script: it installs Chromium when it is missing and we are root with apt-get (as on
# CI); otherwise it says why the browser tests will be skipped. Under CI=true they fail
# instead of skipping, so a CI machine without a browser cannot pass by accident.
CHROMIUM=$(python3 "$(dirname "$0")/settings.py" chromium)  # the browser tests read the same
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "tools/install_browser.sh: installing Debian chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -q && apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
    then
        exit 0
    fi
    echo "tools/install_browser.sh: apt-get could not install chromium" >&2
else
    echo "tools/install_browser.sh: /usr/bin/chromium is missing and this is not root with" \
         "apt-get; install it with: sudo apt-get install chromium fonts-dejavu-core" >&2
fi
echo "tools/install_browser.sh: the browser tests in tests/browser will be SKIPPED" \
     "(with CI=true they FAIL)" >&2
exit 0
