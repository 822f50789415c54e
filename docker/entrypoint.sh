#!/bin/sh
# The image's start command: `flashback ARGS` (the Dockerfile's CMD is `run`).
#
# Before handing over (exec, so the bot receives SIGTERM itself: from the init that compose's
# `init: true` or `docker run --init` puts first, or as PID 1 without one, in which case it
# installs its handler before anything else), check the one thing a volume mount commonly gets
# wrong: a data directory the bot's user cannot write.
# tests/system/test_image.py starts the bot through this same script.
set -eu

data=${FLASHBACK_DATA_DIR:-data}
mkdir -p "$data" 2>/dev/null || true
if [ ! -w "$data" ]; then
    echo "error: the data directory FLASHBACK_DATA_DIR=$data is not writable by uid $(id -u)." >&2
    echo "fix: use a named volume, or give the host directory to that user:" \
         "chown -R $(id -u):$(id -g) <host path>" >&2
    exit 1
fi

exec flashback "$@"
