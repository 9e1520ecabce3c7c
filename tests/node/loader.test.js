'use strict'
// The loader's error where there is no binary (another platform, a missing .node) or no Node
// (the Edge runtime): it names the platform, arch, libc and runtime, and says what to do,
// instead of napi-rs's "npm has a bug related to optional dependencies".
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const PKG = path.join(__dirname, '..', '..', 'bindings-node')

function loadIn (dir, prelude = '') {
  const script = `${prelude}; try { require(${JSON.stringify(path.join(dir, 'main.js'))}); console.log('loaded') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }`
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()
}

/** A copy of the package without its binary, with the given platform packages. */
function packageWithout (optionalDependencies) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgekit-loader-'))
  for (const f of ['main.js', 'index.js']) fs.copyFileSync(path.join(PKG, f), path.join(dir, f))
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'))
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, optionalDependencies }))
  return dir
}

const HERE = `${process.platform}-${process.arch}` +
  (process.platform === 'linux' ? (process.report.getReport().header.glibcVersionRuntime ? '-gnu' : '-musl') : '')

test('no binary for this platform: a coded error naming it, the platforms that exist, and what to do', () => {
  const out = JSON.parse(loadIn(packageWithout({ 'edgekit-sunos-sparc': '0.1.0' })))
  assert.equal(out.code, 'EDGEKIT_UNSUPPORTED_PLATFORM')
  assert.match(out.message, new RegExp(`no edgekit binary for ${HERE} \\(Node ${process.versions.node}`))
  assert.match(out.message, /binaries exist for sunos-sparc/)
  assert.match(out.message, /To use it: /)
  assert.doesNotMatch(out.message, /npm has a bug/)
})

test("this platform's package not installed: a coded error naming the package to install", () => {
  const out = JSON.parse(loadIn(packageWithout({ [`edgekit-${HERE}`]: '0.1.0' })))
  assert.equal(out.code, 'EDGEKIT_UNSUPPORTED_PLATFORM')
  assert.match(out.message, new RegExp(`npm install edgekit-${HERE}@0\\.1\\.0`))
})

test('every platform package the loader can name exists in bindings-node/npm with the same version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'))
  const dirs = fs.readdirSync(path.join(PKG, 'npm')).sort()
  assert.deepEqual(Object.keys(pkg.optionalDependencies).map((n) => n.slice('edgekit-'.length)).sort(), dirs)
  for (const dir of dirs) {
    const platform = JSON.parse(fs.readFileSync(path.join(PKG, 'npm', dir, 'package.json'), 'utf8'))
    assert.equal(platform.name, `edgekit-${dir}`)
    assert.equal(platform.version, pkg.version)
    assert.equal(pkg.optionalDependencies[platform.name], pkg.version)
    assert.deepEqual(platform.files.slice(0, 1), [`edgekit.${dir}.node`])
  }
})

test('the Edge runtime: a coded error saying to use the Node runtime', () => {
  const out = JSON.parse(loadIn(PKG, "globalThis.EdgeRuntime = 'edge-runtime'"))
  assert.equal(out.code, 'EDGEKIT_UNSUPPORTED_PLATFORM')
  assert.match(out.message, /runtime = 'nodejs'/)
})

test('the packaged addon loads here', () => {
  assert.equal(loadIn(PKG), 'loaded')
})
