#!/usr/bin/env bash
# Starts a Docker engine in the background if none answers, and waits until it does.
# Used by .ci/run and by the outage tests, which stop the engine and start it again.
set -euo pipefail
sock=/var/run/docker.sock
answering() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if answering; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "No Docker engine answers at $sock and starting one needs root." >&2
  exit 1
fi
log=${DOCKERD_LOG:-/var/log/patchbay-dockerd.log}
# setsid: the engine must outlive the shell (and the test run) that started it.
setsid dockerd >>"$log" 2>&1 < /dev/null &
for _ in $(seq 1 120); do
  if answering; then exit 0; fi
  sleep 0.5
done
echo "dockerd did not answer within 60 s; its log is $log:" >&2
tail -n 30 "$log" >&2
exit 1
