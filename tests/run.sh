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

# Lanes: a job that runs in the background beside the next steps, its output kept in a log and
# printed when the job is waited for. The release builds compile core as one codegen unit and
# link it with fat LTO, which keeps one core of two busy for minutes; the debug Rust suite and
# the Python tests use the other.
logs=$(mktemp -d)
trap 'kill $(jobs -p) 2> /dev/null || true' EXIT
declare -A lanes
lane() { # name, command...
  local name=$1; shift
  ("$@") > "$logs/$name.log" 2>&1 &
  lanes[$name]=$!
}
finish() { # name
  local status=0
  wait "${lanes[$1]}" || status=$?
  step "$1 (ran beside the steps above)"
  cat "$logs/$1.log"
  [ "$status" -eq 0 ] || { echo "$1 failed with status $status" >&2; exit "$status"; }
}

# With core's `typescript` feature, so the test of the Node face's declarations (written from
# core's types: stale ones fail) shares the one build of core. Debug builds live in target/debug,
# apart from the release builds below.
lane "Rust tests" cargo test --workspace --exclude edgekit-python --exclude edgekit-node --locked --features edgekit/typescript

step "release builds: one linker, target and feature set, so core is built once"
# Portable artifacts link against glibc 2.17 through zig (tests/tools/zig-cc). maturin --zig and
# napi --cross-compile would each bring a linker wrapper of their own, and cargo fingerprints
# the linker: one linker, one target, one feature set (core/feature-unify) and the profile's
# `strip` (not the tools' --strip, which sets RUSTFLAGS) let the three builds share core.
tests/tools/feature-sets
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER="$root/tests/tools/zig-cc"
release_target=x86_64-unknown-linux-gnu

step "Python: venv, wheel, pytest"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r tests/python/requirements.txt
rm -rf target/wheels
# The portable wheel: manylinux2014 (glibc 2.17, linked by zig from the `ziglang` package);
# auditwheel proves the tag from the symbols the binary actually references.
PATH="$root/.venv/bin:$PATH" .venv/bin/maturin build --release --locked --target "$release_target" \
  --compatibility manylinux2014 -m bindings-python/Cargo.toml -o target/wheels
.venv/bin/auditwheel show target/wheels/edgekit-*.whl | tee target/wheels/auditwheel.txt
grep -q '"manylinux_2_17_x86_64"' target/wheels/auditwheel.txt \
  || { echo "the wheel is not manylinux2014" >&2; exit 1; }
.venv/bin/maturin sdist -m bindings-python/Cargo.toml -o target/wheels
ls -l target/wheels
.venv/bin/python -m pip install -q --force-reinstall --no-deps target/wheels/edgekit-*.whl
# npm install, not npm ci: npm drops other platforms' optional packages from the lock file
# (@napi-rs/cli's native helpers), and npm ci then refuses it; install still honours the pins.
# Linked like the wheel (zig, glibc 2.17), reusing the wheel's build of core.
node_addon() {
  cd bindings-node && npm install --no-audit --no-fund \
    && PATH="$root/.venv/bin:$PATH" npx napi build --platform --release --target "$release_target"
}
lane "Node addon build" node_addon
(cd tests/python && "$root/.venv/bin/python" -m pytest -q)

step "Python: the wheel in a clean venv without Rust (the Dockerfile's last stage), and the sdist builds"
clean=$(mktemp -d)
python3 -m venv "$clean/venv"
no_rust_path="$clean/venv/bin:/usr/local/bin:/usr/bin:/bin"
PATH="$no_rust_path" "$clean/venv/bin/pip" install -q target/wheels/edgekit-*.whl -r examples/fastapi_service/requirements.txt
(cd "$clean" && PATH="$no_rust_path" python -c '
import shutil, edgekit
from edgekit.stats import describe
assert shutil.which("cargo") is None and shutil.which("rustc") is None, "Rust is on the PATH"
assert describe([1.0, 2.0, 3.0]).mean == 2.0
print("the wheel works in a clean venv without Rust:", edgekit.__file__)')
# From the sdist as pip builds it where no wheel fits (a dev profile and the system linker: this
# proves it builds).
env -u CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER PATH="$root/.venv/bin:$PATH" CARGO_TARGET_DIR="$root/target/sdist" MATURIN_PEP517_ARGS="--profile dev" \
  .venv/bin/pip wheel -q --no-deps --no-build-isolation target/wheels/edgekit-*.tar.gz -w "$clean/from-sdist"
ls "$clean"/from-sdist/edgekit-*.whl
# That build only proves the sdist builds; its gigabyte of objects is not needed again.
rm -rf "$root/target/sdist" "$clean"
if docker info > /dev/null 2>&1; then
  docker build -q -f examples/fastapi_service/Dockerfile -t edgekit-service-check .
else
  echo "no Docker daemon here: examples/fastapi_service/Dockerfile is not built (see docs/integration.md)"
fi

step "Python: the FastAPI example service under uvicorn, called over HTTP"
(cd examples/fastapi_service && "$root/.venv/bin/python" -m pytest -q -p no:cacheprovider test_service.py)

step "Python: the stubs match the wheel (mypy stubtest)"
(cd "$(mktemp -d)" && "$root/.venv/bin/python" -m mypy.stubtest edgekit \
  --allowlist "$root/tests/python/stubtest_allowlist.txt")

finish "Rust tests"
finish "Node addon build"

step "Node: addon, node --test"
# The dynamic symbols prove the oldest glibc the addon needs.
newest_glibc=$(objdump -T bindings-node/edgekit.linux-x64-gnu.node | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -1)
echo "the addon needs at most $newest_glibc"
[ "$(printf '%s\n' "$newest_glibc" GLIBC_2.17 | sort -V | tail -1)" = GLIBC_2.17 ] \
  || { echo "the addon needs $newest_glibc, newer than glibc 2.17" >&2; exit 1; }
git diff --exit-code -- bindings-node/index.d.ts bindings-node/index.js \
  || { echo "the generated index.d.ts/index.js changed: commit them" >&2; exit 1; }
node --test tests/node/

step "Next.js: the example app installed from the packed tarballs, built, started and called"
# Packaged the napi-rs way: `edgekit` (JavaScript, types) selects the binary's package
# (`edgekit-linux-x64-gnu`) through optionalDependencies.
cp bindings-node/edgekit.linux-x64-gnu.node bindings-node/npm/linux-x64-gnu/
rm -f bindings-node/edgekit-*.tgz
(cd bindings-node && npm pack --silent > /dev/null && cd npm/linux-x64-gnu && npm pack --silent --pack-destination ../.. > /dev/null)
ls -l bindings-node/edgekit-*.tgz
check_tarball() { # tarball, files it must hold
  local listing; listing=$(tar tzf "$1"); shift
  for f in "$@"; do grep -qx "package/$f" <<< "$listing" || { echo "the tarball lacks $f" >&2; exit 1; }; done
}
check_tarball bindings-node/edgekit-0.1.0.tgz README.md LICENSE-MIT LICENSE-APACHE index.d.ts main.js ltp.js
check_tarball bindings-node/edgekit-linux-x64-gnu-0.1.0.tgz README.md LICENSE-MIT LICENSE-APACHE edgekit.linux-x64-gnu.node
export NEXT_TELEMETRY_DISABLED=1
(cd examples/nextjs_app && npm install --no-audit --no-fund \
  && npm install --no-audit --no-fund --no-save ../../bindings-node/edgekit-0.1.0.tgz \
       ../../bindings-node/edgekit-linux-x64-gnu-0.1.0.tgz \
  && node -e "require('edgekit'); console.log('edgekit loads its binary from', require.resolve('edgekit-linux-x64-gnu'))" \
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
# The README's command, for the release target above so it reuses that build of core.
PATH="$root/.venv/bin:$PATH" cargo run --release --locked --target "$release_target" -p edgekit-examples --bin demo > /dev/null
.venv/bin/python examples/python/cookie_cats.py > /dev/null
.venv/bin/python examples/python/scan_goog.py > /dev/null
.venv/bin/python examples/python/nfl_systems.py > /dev/null
.venv/bin/python examples/python/rainfall_drift.py > /dev/null
.venv/bin/python examples/python/monitoring.py > /dev/null
.venv/bin/python examples/python/calibration.py > /dev/null
.venv/bin/python examples/python/ltp_eurusd.py > /dev/null
.venv/bin/python examples/python/ltp_dashboard.py > /dev/null
.venv/bin/python examples/python/lineup_dk_nfl.py "$(mktemp -d)" > /dev/null
.venv/bin/python examples/python/lineup_contest.py "$(mktemp -d)" > /dev/null
.venv/bin/python examples/python/lineup_late_swap.py "$(mktemp -d)" > /dev/null
.venv/bin/python examples/python/lineup_rules.py "$(mktemp -d)" > /dev/null
# The Dask example at a size CI affords (its numbers in docs/scale.md come from 10^7 rows).
.venv/bin/python examples/dask_scale/run.py --rows 240000 --folder "$(mktemp -d)" > /dev/null
node examples/node/cookie_cats.js > /dev/null
node examples/node/rainfall_drift.js > /dev/null
node examples/node/monitoring.js > /dev/null
node examples/node/calibration.js > /dev/null
node examples/node/ltp_stream.js > /dev/null
node examples/node/dashboard_dropins.js > /dev/null
node examples/node/lineup_showdown.js > /dev/null
node examples/node/lineup_contest.js > /dev/null
node examples/node/lineup_late_swap.js > /dev/null
node examples/node/lineup_rules.js > /dev/null
echo "demo and examples ran"
