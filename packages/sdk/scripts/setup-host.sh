#!/usr/bin/env bash
# Installs the host toolchain the SDK needs (clang-16, lld-16, the wasm32 builtins, pkgconf) and the ports
# need (dpkg-dev, autoconf, automake, make, gcc), and fetches
# Debian's musl 1.2.3 source into the cache. Idempotent: does nothing when everything is present.
set -euo pipefail

CACHE="${KANDELO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kandelo}"
MUSL_VERSION=1.2.3
PKGS=(clang-16 lld-16 llvm-16 libclang-rt-16-dev-wasm32 pkgconf)
# For the ports (ports/, `npm run ports`): apt-get source and dpkg-source, autotools for recipes that
# regenerate configure after Debian's patches, make, and a native cc for build-time helper programs.
PKGS+=(dpkg-dev autoconf automake make gcc libc6-dev)
# gettext's m4 macros (/usr/share/aclocal/gettext.m4) for recipes whose autoreconf needs a newer
# gettext.m4 than the tarball's (findutils: AM_GNU_GETTEXT_REQUIRE_VERSION).
PKGS+=(gettext)
# ed for bc's fix-libmath_h (an ed script turning the generated math-library bytecode into a C array).
PKGS+=(ed)
# For the terminal end-to-end test (tests/ports/shell.test.ts drives `kandelo sh` in a real terminal).
PKGS+=(tmux)
BUILTINS=/usr/lib/llvm-16/lib/clang/16/lib/wasi/libclang_rt.builtins-wasm32.a

die() { echo "kandelo sdk setup: $*" >&2; exit 1; }

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ -f "$BUILTINS" ] || true

need_src=0
[ -f "$CACHE/src/musl-$MUSL_VERSION/VERSION" ] || need_src=1

if [ ${#missing[@]} -eq 0 ] && [ $need_src -eq 0 ]; then exit 0; fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this set-up needs Debian (bookworm). Install ${PKGS[*]} and put musl $MUSL_VERSION source at $CACHE/src/musl-$MUSL_VERSION by hand."
SUDO=
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    die "not root and no password-less sudo: run as root, or install ${missing[*]:-nothing} yourself."
  fi
fi

updated=0
apt_update() { [ $updated = 1 ] || { $SUDO apt-get update -qq >&2; updated=1; }; }

if [ ${#missing[@]} -gt 0 ]; then
  echo "kandelo sdk setup: installing ${missing[*]}" >&2
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
fi

if [ $need_src = 1 ]; then
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "kandelo sdk setup: adding a deb-src entry for bookworm" >&2
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      | $SUDO tee /etc/apt/sources.list.d/kandelo-deb-src.sources >/dev/null
    updated=0
  fi
  apt_update
  command -v dpkg-source >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dpkg-dev >&2
  mkdir -p "$CACHE/src"
  tmp=$(mktemp -d "$CACHE/src/fetch.XXXXXX")
  (cd "$tmp" && apt-get source -qq "musl=$MUSL_VERSION-1" >&2) || { rm -rf "$tmp"; die "apt-get source musl=$MUSL_VERSION-1 failed (is deb.debian.org reachable?)"; }
  rm -rf "$CACHE/src/musl-$MUSL_VERSION"
  mv "$tmp/musl-$MUSL_VERSION" "$CACHE/src/musl-$MUSL_VERSION"
  rm -rf "$tmp"
fi
echo "kandelo sdk setup: toolchain ready" >&2
