#!/usr/bin/env bash
# Installs everything CloudExpo needs to build and test, from Debian bookworm packages and npm.
# Safe to run twice: it only calls apt when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libvulkan-dev vulkan-validationlayers glslc mesa-vulkan-drivers vulkan-tools
  libglfw3-dev libglm-dev libimgui-dev libtinygltf-dev nlohmann-json3-dev libstb-dev
  libopenxr-dev openxr-layer-corevalidation
  libgtest-dev libgmock-dev libbenchmark-dev
  libmeshoptimizer-dev libfontconfig-dev libfreetype-dev fonts-noto-cjk fonts-dejavu-core
  libcurl4-openssl-dev libcli11-dev libspdlog-dev libfmt-dev
  xvfb xauth nodejs npm python3
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# node/npm may come from elsewhere (e.g. a preinstalled Node.js); only ask apt when absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present"
fi

# The Khronos glTF validator (npm package gltf-validator), pinned by package-lock.json.
if [ -f tools/gltf-validate/package.json ]; then
  if [ ! -d tools/gltf-validate/node_modules/gltf-validator ]; then
    if [ -f tools/gltf-validate/package-lock.json ]; then
      npm ci --prefix tools/gltf-validate --no-audit --no-fund --loglevel=error
    else
      npm install --prefix tools/gltf-validate --no-audit --no-fund --loglevel=error
    fi
  else
    echo "install-deps: gltf-validator present"
  fi
fi
