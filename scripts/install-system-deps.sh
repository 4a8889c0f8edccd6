#!/usr/bin/env bash
# Installs what Patchbay's tests need on Debian: a Docker engine, busybox-static for the test
# image, Chromium for the end-to-end tests, iptables and iproute2 for the topology view.
# Packages already present are skipped, so it is quick on a machine that has them.
set -euo pipefail
need=()
for pkg in docker.io busybox-static chromium iptables iproute2 util-linux; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then
  echo "all present: docker.io busybox-static chromium iptables iproute2 util-linux"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Missing packages: ${need[*]}. Run as root: sudo $0" >&2
  exit 1
fi
echo "installing: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
