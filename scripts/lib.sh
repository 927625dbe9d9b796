# Shared by scripts/demo and scripts/test: install what is missing, then build.
# Safe to run again: each step does nothing when its work is already done.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${MUSUBI_BUILD_DIR:-$ROOT/build}
SANITIZED_BUILD_DIR=${MUSUBI_SANITIZED_BUILD_DIR:-$ROOT/build-sanitized}

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libssl-dev libsqlite3-dev libsodium-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
  libcli11-dev libtomlplusplus-dev libicu-dev libgtest-dev libvips-dev
  libcurl4-openssl-dev libcairo2-dev libpango1.0-dev libgmime-3.0-dev zlib1g-dev
  sqlite3 openssl curl ca-certificates python3-aiosmtpd poppler-utils postfix
  clang-14 libclang-rt-14-dev clang-format clang-tidy universal-ctags
  chromium fonts-noto-cjk
  nginx-light wrk
)

# Vite 7 and playwright-core need Node.js >= 20.19; Debian bookworm's own nodejs is 18. When the
# machine's Node.js is older, a current Node.js binary is fetched from the npm registry (the
# node-linux-<arch> package) into .tools/ and put first on PATH; the system npm still installs.
NODE_FALLBACK_VERSION=22.12.0
NODE_TOOLS_DIR=$ROOT/.tools/node
node_fallback_bin() { echo "$NODE_TOOLS_DIR/node_modules/node-linux-$(dpkg --print-architecture | sed 's/amd64/x64/')/bin"; }
[ -x "$(node_fallback_bin)/node" ] && export PATH="$(node_fallback_bin):$PATH"
node_is_recent() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number);
           process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null
}
ensure_recent_node() {
  node_is_recent && return 0
  step "Node.js $(node --version 2>/dev/null || echo '(none)') is too old for the front-end tools; fetching Node.js $NODE_FALLBACK_VERSION from the npm registry"
  local pkg="node-linux-$(dpkg --print-architecture | sed 's/amd64/x64/')"
  mkdir -p "$NODE_TOOLS_DIR"
  npm install --prefix "$NODE_TOOLS_DIR" --no-audit --no-fund --loglevel=error "$pkg@$NODE_FALLBACK_VERSION"
  export PATH="$(node_fallback_bin):$PATH"
  node_is_recent || { echo "could not provide Node.js >= 20.19" >&2; return 1; }
}

step() { printf '\n\033[1m== %s  [%s]\033[0m\n' "$*" "$(date +%T)"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "root is needed to install packages: $*" >&2; return 1; fi
}

install_missing() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    step "Installing Debian packages: ${missing[*]}"
    # Postfix is for the mail-into-groups tests, which start their own instance: the system's
    # own stays unconfigured and stopped.
    echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  ensure_recent_node
  # nginx is only a benchmark baseline: keep the distribution's service from holding port 80.
  if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then as_root systemctl stop nginx || true; fi
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    step "Installing front-end packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The same sources with clang, AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer
# targets (scripts/test's second pass).
build_sanitized() {
  CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$SANITIZED_BUILD_DIR" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMUSUBI_SANITIZE=ON -DMUSUBI_FUZZ=ON >/dev/null
  ninja -C "$SANITIZED_BUILD_DIR" -j "${MUSUBI_JOBS:-2}"
}

build_all() {
  step "Building the server (CMake + Ninja)"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${MUSUBI_CMAKE_ARGS:-} >/dev/null
  ninja -C "$BUILD_DIR" -j "${MUSUBI_JOBS:-2}"
  step "Building the web front end (Vite)"
  (cd "$ROOT" && npm run --silent build >/dev/null)
}
