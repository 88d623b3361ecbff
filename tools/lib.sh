# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# Shared by tools/run, tools/test, tools/make-demo and tools/fake-platforms: logging,
# the package check and meson configuration.  Sourced, never run.

CO_TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CO_SOURCE_DIR=$(cd "$CO_TOOLS_DIR/.." && pwd)

# Progress goes to stderr so that stdout stays free for results (tools/test prints
# its summary line there).
co_log ()
{
  printf '%s: %s\n' "${CO_TOOL:-tools}" "$*" >&2
}

co_die ()
{
  co_log "error: $*"
  exit 1
}

# Prints the packages from tools/packages.txt, one per line.
co_packages ()
{
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$CO_TOOLS_DIR/packages.txt" | grep -v '^$'
}

# Prints the packages that dpkg does not list as installed ("ii").
co_missing_packages ()
{
  local installed
  local -a all
  mapfile -t all < <(co_packages)
  # dpkg-query exits 1 when it has never heard of a package, which is exactly the
  # case on a fresh machine, so its status is ignored and only its lines count.
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${all[@]}" 2>/dev/null || true)
  installed=$(awk '$2 == "ii" { print $1 }' <<<"$installed")
  co_packages | grep -vxF -f <(printf '%s\n' "$installed") || true
}

# co_apt_install PACKAGE...: installs the packages with apt-get: directly as root,
# through sudo otherwise.  Without a terminal sudo cannot ask for a password, so it
# is run with -n and fails with a clear message instead of hanging.
co_apt_install ()
{
  local -a sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null \
      || co_die "missing packages: $*; install them as root or install sudo"
    if [ -t 0 ]; then sudo=(sudo); else sudo=(sudo -n); fi
  fi
  co_log "installing $# missing packages: $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=600 -q update >&2 \
    || co_die "apt-get update failed (sudo needs a password without a terminal: run with a terminal or as root)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=600 -q -y --no-install-recommends install "$@" </dev/null >&2 \
    || co_die "apt-get install failed for: $*"
}

# Installs the missing packages of tools/packages.txt.
co_install_packages ()
{
  local -a missing
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    co_log "warning: no dpkg/apt-get here; install the packages in tools/packages.txt yourself"
    return 0
  fi
  mapfile -t missing < <(co_missing_packages)
  if [ ${#missing[@]} -eq 0 ]; then
    co_log "all $(co_packages | wc -l) Debian packages are installed"
    return 0
  fi
  co_apt_install "${missing[@]}"
  mapfile -t missing < <(co_missing_packages)
  [ ${#missing[@]} -eq 0 ] || co_die "still missing after apt-get: ${missing[*]}"
}

# The folder the npm test peers are installed in (tests/meson.build reads the
# same default, or the test_peers_dir option): a cache outside the source tree,
# shared by every build folder.
co_npm_dir ()
{
  printf '%s\n' "${CO_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/creatorops/npm}"
}

# Prints the packages from tools/npm-packages.txt (name@version), one per line.
co_npm_packages ()
{
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$CO_TOOLS_DIR/npm-packages.txt" | grep -v '^$'
}

# Prints the packages of the list that are not installed at their version.
co_missing_npm_packages ()
{
  local dir spec name version found
  dir=$(co_npm_dir)
  while read -r spec; do
    name=${spec%@*} version=${spec##*@}
    found=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' \
              "$dir/node_modules/$name/package.json" 2>/dev/null || true)
    [ "$found" = "$version" ] || printf '%s\n' "$spec"
  done < <(co_npm_packages)
}

# Installs the npm test peers into co_npm_dir, when any is missing; run again it
# does nothing.  npm runs without a terminal and as root alike (--unsafe-perm is
# the default since npm 7; scripts are not needed by these packages).
co_install_npm_packages ()
{
  local dir
  local -a missing
  dir=$(co_npm_dir)
  mapfile -t missing < <(co_missing_npm_packages)
  if [ ${#missing[@]} -eq 0 ]; then
    co_log "all $(co_npm_packages | wc -l) npm test peers are installed in $dir"
    return 0
  fi
  command -v npm >/dev/null || co_apt_install npm
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || printf '{ "private": true }\n' >"$dir/package.json"
  co_log "installing the npm test peers into $dir: ${missing[*]}"
  (cd "$dir" && npm install --no-audit --no-fund --no-update-notifier --loglevel=error \
     --prefix "$dir" "${missing[@]}" </dev/null >&2) \
    || co_die "npm install failed for: ${missing[*]} (into $dir)"
  mapfile -t missing < <(co_missing_npm_packages)
  [ ${#missing[@]} -eq 0 ] || co_die "still missing after npm install: ${missing[*]}"
}

# co_configure BUILDDIR [MESON-ARGS...]: sets up BUILDDIR, or applies the arguments
# to an existing one.  A folder left by a failed setup is wiped and set up again.
# An existing folder is reconfigured first (it learns new options), then given the
# arguments with meson configure: Meson 1.0's setup --reconfigure silently ignores
# compiler arguments such as -Dc_args.
co_configure ()
{
  local dir=$1
  shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    co_log "reconfiguring $dir"
    { meson setup --reconfigure "$dir" "$CO_SOURCE_DIR" >&2 &&
      meson configure "$dir" "$@" >&2; } \
      || { co_log "reconfiguring $dir failed; wiping it"; \
           meson setup --wipe "$dir" "$CO_SOURCE_DIR" "$@" >&2; }
  else
    co_log "configuring $dir"
    rm -rf "$dir"
    meson setup "$dir" "$CO_SOURCE_DIR" "$@" >&2
  fi
}

# co_build BUILDDIR [TARGET...]: compiles the targets (paths in BUILDDIR, as
# src/cli/creatorops-cli), or everything, tests included.
co_build ()
{
  local dir=$1
  shift
  co_log "building ${*:-everything} in $dir"
  ninja -C "$dir" "$@" >&2
}
