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

test('no binary for this platform: a coded error naming it and what to do', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgekit-loader-'))
  for (const f of ['main.js', 'index.js']) fs.copyFileSync(path.join(PKG, f), path.join(dir, f))
  const out = JSON.parse(loadIn(dir))
  assert.equal(out.code, 'EDGEKIT_UNSUPPORTED_PLATFORM')
  assert.match(out.message, new RegExp(`${process.platform}-${process.arch}`))
  assert.match(out.message, /To use it: /)
  assert.doesNotMatch(out.message, /npm has a bug/)
})

test('the Edge runtime: a coded error saying to use the Node runtime', () => {
  const out = JSON.parse(loadIn(PKG, "globalThis.EdgeRuntime = 'edge-runtime'"))
  assert.equal(out.code, 'EDGEKIT_UNSUPPORTED_PLATFORM')
  assert.match(out.message, /runtime = 'nodejs'/)
})

test('the packaged addon loads here', () => {
  assert.equal(loadIn(PKG), 'loaded')
})
