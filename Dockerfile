# syntax=docker/dockerfile:1
# Conference Flashback: a two-stage image.
# The builder installs the dependencies at the versions of the committed lock (requirements.lock)
# and the wheel built from this source tree into a virtual environment (docker/install.sh;
# tests/system/test_image.py runs the same script). The runtime stage copies only that
# environment: no compiler, no pip (neither the environment's nor the base image's), no sources.
#
#   docker build -t conference-flashback .
#   docker run -d --init -v flashback-data:/data --env-file .env conference-flashback
#
# --init (compose: `init: true`) runs the bot under a tiny init that forwards signals and
# reaps children; the bot also handles SIGTERM from its first moment when it is PID 1 itself.
#
# The shipped corpus and templates are inside the package. To serve your own, mount them and
# point the bot at them: -v ./corpus:/corpus:ro -e FLASHBACK_CORPUS_DIR=/corpus (likewise
# /templates with FLASHBACK_TEMPLATES_DIR, which overrides file by file). See docs/operations.md.

ARG PYTHON_IMAGE=python:3.12.8-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY pyproject.toml README.md requirements.lock ./
COPY bot ./bot
COPY corpus ./corpus
COPY templates ./templates
COPY docker/install.sh ./docker/install.sh
RUN sh docker/install.sh /src /opt/flashback

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="Conference Flashback" \
      org.opencontainers.image.description="Weekly conference flashbacks and /paper lookups for Slack and Discord" \
      org.opencontainers.image.licenses="MIT"
# The image carries no .pyc files (docker/install.sh); the bytecode of what the bot imports is
# written once per container to a cache outside the image, and reused by every later start and
# health check.
ENV PATH=/opt/flashback/bin:$PATH \
    PYTHONPYCACHEPREFIX=/tmp/flashback-pycache \
    PYTHONUNBUFFERED=1 \
    FLASHBACK_DATA_DIR=/data
COPY --from=builder /opt/flashback /opt/flashback
COPY docker/entrypoint.sh /usr/local/bin/flashback-entrypoint
# A numeric user, so Kubernetes' runAsNonRoot can verify it; /data belongs to it before the
# VOLUME line, so a fresh named volume starts out writable.
# pip goes too: nothing is installed at run time (and 16 MB less to ship and scan).
RUN python -m pip uninstall --yes --quiet pip \
    && groupadd --gid 10001 flashback \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /data --shell /usr/sbin/nologin flashback \
    && mkdir -p /data \
    && chown 10001:10001 /data
USER 10001:10001
# The working directory is /, so a relative data directory (FLASHBACK_DATA_DIR=data, as in
# .env.example, or an empty value, which means unset) is the /data volume too.
WORKDIR /
VOLUME ["/data"]
# Slack HTTP mode listens here (FLASHBACK_HTTP_PORT); Socket Mode and Discord need no port.
EXPOSE 3000
# `flashback run` finishes or releases the delivery in flight and closes its connections.
STOPSIGNAL SIGTERM
# Healthy = the heartbeat in /data is fresh and the scheduler and every adapter say they are.
# During the start period it is probed every 2 s, so a fresh container reports healthy seconds
# after its first heartbeat, not at 30 s. Docker Engine 25+ runs the probe that way; the
# dockerfile:1 frontend declared on the first line parses the option for older engines, whose
# built-in parser would stop at it ("unknown flag: start-interval").
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --start-interval=2s --retries=3 \
    CMD ["flashback", "health"]
ENTRYPOINT ["flashback-entrypoint"]
CMD ["run"]
