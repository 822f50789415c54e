#!/bin/sh
# Install Conference Flashback into a virtual environment: its dependencies at the versions
# of the committed lock (requirements.lock), then the wheel built from the source tree.
#
#   usage: docker/install.sh SOURCE_DIR VENV_DIR
#
# The image's builder stage runs exactly this script, and so does tests/system/test_image.py, so the
# test checks the install the image really does. (The test works offline through pip's own
# environment variables, PIP_NO_INDEX and PIP_NO_BUILD_ISOLATION; nothing here changes.)
# pip itself is removed at the end: the runtime image installs nothing.
set -eu

src=$1
venv=$2

# An existing environment is reused (the test prepares one); otherwise make a fresh one.
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi

wheels=$(mktemp -d)
trap 'rm -rf "$wheels"' EXIT

# --no-compile: no .pyc files in the image (37 MB); the bot compiles what it imports on its
# first start into PYTHONPYCACHEPREFIX (see the Dockerfile), outside the image's layers.
"$venv/bin/python" -m pip install --no-compile --requirement "$src/requirements.lock"
"$venv/bin/python" -m pip wheel --no-deps --wheel-dir "$wheels" "$src"
"$venv/bin/python" -m pip install --no-compile --no-deps "$wheels"/conference_flashback-*.whl
"$venv/bin/python" -m pip uninstall --yes --quiet pip

# wordfreq ships 58 MB of word lists for 40 languages; the lookup reads only the large English
# one (bot/lookup/rarity.py).
for data in "$venv"/lib/python3*/site-packages/wordfreq/data; do
    if [ -d "$data" ]; then
        find "$data" -type f ! -name 'large_en.msgpack.gz' -delete
    fi
done

# Fail the build here, not at the first start, if the entry point cannot even import.
PYTHONDONTWRITEBYTECODE=1 "$venv/bin/flashback" --help >/dev/null
echo "installed $(basename "$wheels"/conference_flashback-*.whl) into $venv"
