#!/usr/bin/env bash
# Generates the sample expo into a temporary folder, validates every glTF it wrote with the Khronos
# glTF-Validator and runs the layout checker on it. Fails (non-zero) on the first problem.
#
#   tools/check-sample.sh [EXPO_TOOL] [-- extra generate options, e.g. --exhibitors 100000]
#
# EXPO_TOOL defaults to $EXPO_TOOL, then build/debug/tools/expo-tool. The validator needs
# `npm ci --prefix tools/gltf-validate` once; the script runs it when node_modules is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tool="${EXPO_TOOL:-$root/build/debug/tools/expo-tool}"
if [[ $# -gt 0 && "$1" != "--" ]]; then
  tool="$1"
  shift
fi
[[ "${1:-}" == "--" ]] && shift
if [[ ! -x "$tool" ]]; then
  echo "check-sample.sh: expo-tool not found at $tool (pass its path or set EXPO_TOOL)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "check-sample.sh: node is not installed" >&2; exit 2; }
if [[ ! -d "$here/gltf-validate/node_modules/gltf-validator" ]]; then
  npm ci --prefix "$here/gltf-validate" --no-audit --no-fund >/dev/null
fi

out="$(mktemp -d "${TMPDIR:-/tmp}/cx-sample.XXXXXX")"
trap 'rm -rf "$out"' EXIT

echo "== generate"
"$tool" generate "$out/expo" "$@"
echo "== glTF-Validator"
node "$here/gltf-validate/validate.mjs" "$out/expo/models"
echo "== layout check"
"$tool" check "$out/expo" --max-per-rule 20
if [[ $# -eq 0 ]]; then
  # With default options the result must be the bundled sample, byte for byte: the generator is
  # deterministic and assets/sample-expo must not go stale.
  echo "== bundled sample is up to date"
  if ! diff -rq "$out/expo" "$root/assets/sample-expo"; then
    echo "check-sample.sh: assets/sample-expo differs from a fresh 'expo-tool generate'; regenerate it" >&2
    exit 1
  fi
fi
echo "check-sample.sh: sample expo is valid"
