#!/usr/bin/env bash
# Installs what the WebGPU test suites need on Debian 12, as root: Mesa's lavapipe Vulkan driver
# from bookworm-backports (Dawn refuses Debian 12's own Mesa 22) for Node, and Debian's Chromium
# (SwiftShader) for the browser suite. Idempotent: skips what is already there.
#
# `--if-possible` (how `pnpm test` calls it): where it cannot install (not root, not Debian, apt
# failing), it says so once and exits 0, and the WebGPU suites skip (outside CI=true) or fail
# (under it) with what is missing.
#
# The backports source points at the Debian mirror this machine's apt is already configured with
# (the one serving bookworm), so the script works wherever apt does and names no host itself.
set -euo pipefail

installed() {
  local mesa_version
  mesa_version=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || echo 0)
  dpkg --compare-versions "$mesa_version" ge 25 && dpkg -s chromium >/dev/null 2>&1
}

# Prints the URI of the apt source that serves the suite "bookworm" (deb822 .sources files and
# one-line .list files alike); empty when none does.
bookworm_mirror() {
  shopt -s nullglob
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i + 1) == "bookworm") { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    awk '
      function flush() { if (uris != "" && suites ~ /(^| )bookworm( |$)/) { split(uris, u, " "); print u[1]; found = 1 } uris = ""; suites = "" }
      /^[ \t]*$/ { flush(); if (found) exit; next }
      /^URIs:/ { sub(/^URIs:[ \t]*/, ""); uris = $0 }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
      END { if (!found) flush() }
    ' "$f"
  done | head -n 1
}

if_possible=false
[ "${1:-}" = --if-possible ] && if_possible=true

# Stops with why nothing was installed: an error, or (with --if-possible) a note and success.
cannot() {
  if $if_possible; then
    echo "setup-webgpu: $1; the WebGPU tests will say what is missing (skipped, or failed under CI=true)" >&2
    exit 0
  fi
  echo "setup-webgpu: $1" >&2
  exit 1
}

if installed; then
  $if_possible || echo 'setup-webgpu: lavapipe (Mesa >= 25) and chromium are installed'
  exit 0
fi
[ "$(id -u)" = 0 ] || cannot 'needs root (apt-get) to install lavapipe and chromium'
command -v apt-get >/dev/null && grep -q '^12' /etc/debian_version 2>/dev/null || cannot 'installs on Debian 12 only'
mirror=$(bookworm_mirror)
[ -n "$mirror" ] || cannot 'no apt source serves bookworm; add one, or install mesa-vulkan-drivers >= 25 and chromium by hand'
echo "deb $mirror bookworm-backports main" > /etc/apt/sources.list.d/bookworm-backports.list
export DEBIAN_FRONTEND=noninteractive
apt-get update || cannot 'apt-get update failed'
apt-get install -y -t bookworm-backports mesa-vulkan-drivers libvulkan1 || cannot 'could not install lavapipe from bookworm-backports'
apt-get install -y chromium || cannot 'could not install chromium'
