# Sourced by the shell wrappers: sets KANDELO_SYSROOT from dist/sdk.json and LLVM_BIN.
kandelo_sdk_dir=$(dirname "$(dirname "$(readlink -f "$0")")")
LLVM_BIN=/usr/lib/llvm-16/bin
kandelo_sysroot() {
  if [ -z "${KANDELO_SYSROOT:-}" ]; then
    KANDELO_SYSROOT=$(sed -n 's/^ *"sysroot": *"\(.*\)",\{0,1\}$/\1/p' "$kandelo_sdk_dir/dist/sdk.json" 2>/dev/null)
    if [ -z "$KANDELO_SYSROOT" ] || [ ! -d "$KANDELO_SYSROOT" ]; then
      echo "$(basename "$0"): error: the kandelo SDK is not built: run \`npm run build -w @kandelo/sdk\`" >&2
      exit 1
    fi
  fi
}
