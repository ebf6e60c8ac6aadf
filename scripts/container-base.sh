#!/usr/bin/env bash
# container-base.sh DIR: assembles in DIR a root filesystem that stands in for
# the official Node image where no image registry can be reached: this
# machine's node (with the shared libraries ldd lists), its npm, busybox for
# /bin/sh and /usr/bin/env, a `node` user with uid 1000 as in the official
# image, and the npm configuration and CA bundle npm needs to reach the
# registry. Import it with `tar -C DIR -c . | podman import - NAME`.
#
# Only a test device: it runs this machine's Node version, not the official
# image's (node:24-bookworm-slim), and has no package manager.
set -euo pipefail
root=${1:?usage: container-base.sh DIR}
mkdir -p "$root"

node_bin=$(readlink -f "$(command -v node)")
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
busybox_bin=$(readlink -f "$(command -v busybox)")
ca_bundle=$(npm config get cafile 2>/dev/null || true)
[ -f "$ca_bundle" ] || ca_bundle=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}

# A binary and every shared library it loads, at the paths ldd names.
copy_with_libs() { # copy_with_libs SOURCE TARGET_IN_ROOT
  mkdir -p "$root$(dirname "$2")"
  cp "$1" "$root$2"
  local lib
  for lib in $(ldd "$1" 2>/dev/null | grep -o '/[^ ]*' || true); do
    [ -e "$root$lib" ] && continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

# The official image's layout: node and npm under /usr/local.
copy_with_libs "$node_bin" /usr/local/bin/node
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

# busybox's applets stand in for the base system's shell and tools (sh, env, find, rm, ...).
copy_with_libs "$busybox_bin" /bin/busybox
mkdir -p "$root/usr/bin"
for applet in $("$busybox_bin" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
ln -s /bin/busybox "$root/usr/bin/env"

mkdir -p "$root/etc/ssl/certs" "$root/usr/local/etc" "$root/root" "$root/home/node" "$root/tmp"
cp "$ca_bundle" "$root/etc/ssl/certs/ca-certificates.crt"
# npm's global configuration (prefix /usr/local): the registry and CA this machine uses.
printf 'registry=%s\ncafile=/etc/ssl/certs/ca-certificates.crt\nupdate-notifier=false\nfund=false\naudit=false\n' \
  "$(npm config get registry)" >"$root/usr/local/etc/npmrc"
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
  >"$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
chown 1000:1000 "$root/home/node"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
