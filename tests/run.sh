#!/usr/bin/env bash
# Every test of edgekit, on a fresh machine: formatting, lints, the Rust suite, then the Python
# wheel and the Node addon built in release mode and tested through their own hosts. Installs
# what it needs (a venv in .venv, npm packages in bindings-node/node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
cargo --version; python3 --version; node --version; npm --version 2>/dev/null

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "one ndarray in the dependency graph"
# linfa needs ndarray 0.16 and the numpy crate would pull 0.17: two copies must never creep in.
if cargo tree --workspace -e normal -d --locked | grep -q '^ndarray '; then
  cargo tree --workspace -e normal -d --locked
  echo "two versions of ndarray are linked; pin one (see docs/architecture.md)" >&2
  exit 1
fi

step "Rust tests"
cargo test --workspace --exclude edgekit-python --exclude edgekit-node --locked
# The Node face's result declarations are written from core's types: stale ones fail here.
cargo test -p edgekit --features typescript --locked --test typescript

step "Python: venv, wheel, pytest"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r tests/python/requirements.txt
rm -rf target/wheels
# The portable wheel: manylinux2014 (glibc 2.17) through zig (the `ziglang` package), stripped;
# auditwheel proves the tag from the symbols the binary actually references.
PATH="$root/.venv/bin:$PATH" .venv/bin/maturin build --release --locked --zig \
  --compatibility manylinux2014 --strip -m bindings-python/Cargo.toml -o target/wheels
.venv/bin/auditwheel show target/wheels/edgekit-*.whl | tee target/wheels/auditwheel.txt
grep -q '"manylinux_2_17_x86_64"' target/wheels/auditwheel.txt \
  || { echo "the wheel is not manylinux2014" >&2; exit 1; }
.venv/bin/maturin sdist -m bindings-python/Cargo.toml -o target/wheels
ls -l target/wheels
.venv/bin/python -m pip install -q --force-reinstall --no-deps target/wheels/edgekit-*.whl
(cd tests/python && "$root/.venv/bin/python" -m pytest -q)

step "Python: the FastAPI example service under uvicorn, called over HTTP"
(cd examples/fastapi_service && "$root/.venv/bin/python" -m pytest -q -p no:cacheprovider test_service.py)

step "Python: the stubs match the wheel (mypy stubtest)"
(cd "$(mktemp -d)" && "$root/.venv/bin/python" -m mypy.stubtest edgekit \
  --allowlist "$root/tests/python/stubtest_allowlist.txt")

step "Node: addon, node --test"
# npm install, not npm ci: npm drops other platforms' optional packages from the lock file
# (@napi-rs/cli's native helpers), and npm ci then refuses it; install still honours the pins.
(cd bindings-node && npm install --no-audit --no-fund && npx napi build --platform --release --strip)
git diff --exit-code -- bindings-node/index.d.ts bindings-node/index.js \
  || { echo "the generated index.d.ts/index.js changed: commit them" >&2; exit 1; }
node --test tests/node/

step "Next.js: the example app installed from the packed tarball, built, started and called"
(cd bindings-node && rm -f edgekit-*.tgz && npm pack --silent > /dev/null && ls -l edgekit-*.tgz \
  && listing=$(tar tzf edgekit-*.tgz) \
  && for f in README.md LICENSE-MIT LICENSE-APACHE edgekit.linux-x64-gnu.node index.d.ts; do
       grep -qx "package/$f" <<< "$listing" || { echo "the tarball lacks $f" >&2; exit 1; }; done)
export NEXT_TELEMETRY_DISABLED=1
(cd examples/nextjs_app && npm install --no-audit --no-fund \
  && npm install --no-audit --no-fund --no-save ../../bindings-node/edgekit-*.tgz \
  && node node_modules/next/dist/bin/next build)
next_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd examples/nextjs_app && exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$next_port") \
  > "${TMPDIR:-/tmp}/edgekit-next.log" 2>&1 &
next_pid=$!
node -e 'const url = process.argv[1]; const until = Date.now() + 60000;
  (async () => { while (Date.now() < until) { try { await fetch(url); return } catch { await new Promise((r) => setTimeout(r, 250)) } } process.exit(1) })()' \
  "http://127.0.0.1:$next_port/"
EDGEKIT_APP_URL="http://127.0.0.1:$next_port" node --test examples/nextjs_app/test/ || { kill "$next_pid"; exit 1; }
kill "$next_pid"

step "Node: the declarations type-check strictly (tsc --strict over a typed usage file)"
bindings-node/node_modules/.bin/tsc -p tests/node/types/tsconfig.json
echo "tsc --strict: no errors"

step "demo and examples over the bundled data"
cargo run --release --locked -p edgekit-examples --bin demo > /dev/null
.venv/bin/python examples/python/cookie_cats.py > /dev/null
.venv/bin/python examples/python/scan_goog.py > /dev/null
.venv/bin/python examples/python/nfl_systems.py > /dev/null
.venv/bin/python examples/python/rainfall_drift.py > /dev/null
.venv/bin/python examples/python/ltp_eurusd.py > /dev/null
.venv/bin/python examples/python/lineup_dk_nfl.py "$(mktemp -d)" > /dev/null
node examples/node/cookie_cats.js > /dev/null
node examples/node/rainfall_drift.js > /dev/null
node examples/node/ltp_stream.js > /dev/null
node examples/node/lineup_showdown.js > /dev/null
echo "demo and examples ran"
