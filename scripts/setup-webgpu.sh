#!/usr/bin/env bash
# Installs what the WebGPU test suites need on Debian 12, as root: Mesa's lavapipe Vulkan driver
# from bookworm-backports (Dawn refuses Debian 12's own Mesa 22) for Node, and Debian's Chromium
# (SwiftShader) for the browser suite. Idempotent: skips what is already there.
set -euo pipefail
mesa_version=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || echo 0)
if dpkg --compare-versions "$mesa_version" ge 25 && dpkg -s chromium >/dev/null 2>&1; then
  echo 'setup-webgpu: lavapipe (Mesa >= 25) and chromium are installed'
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo 'setup-webgpu: needs root (apt-get); without it the WebGPU tests are skipped outside CI' >&2
  exit 1
fi
echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/bookworm-backports.list
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y -t bookworm-backports mesa-vulkan-drivers libvulkan1
DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
