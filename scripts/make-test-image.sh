#!/usr/bin/env bash
# Builds the local test image from busybox-static: there is no registry to pull from.
# The image is named patchbay-test/busybox:latest and carries a shell, ls, find, cat, ...
set -euo pipefail
image=${1:-patchbay-test/busybox:latest}
if docker image inspect "$image" >/dev/null 2>&1; then exit 0; fi
# busybox-static installs a statically linked /bin/busybox: it runs in an empty image.
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "busybox-static is not installed (apt-get install busybox-static)" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,etc,tmp,root,var,proc,sys,dev,usr/bin,usr/sbin}
cp "$busybox" "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
chmod 1777 "$root/tmp"
tar -C "$root" -c . | docker import \
  -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'LABEL org.opencontainers.image.title=patchbay-test-busybox' \
  - "$image" >/dev/null
echo "built $image"
