'use strict'
// The strictness tables of docs/ltp-dashboard.md: every input a drop-in refuses is a row (its
// functions and its count of cases), so a refusal cannot go undocumented.
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const DOC = path.join(__dirname, '..', '..', 'docs', 'ltp-dashboard.md')

/** Asserts that the table whose header starts with `header` accounts for each refused edge. */
function assertDocumented (header, refused) {
  const doc = fs.readFileSync(DOC, 'utf8')
  const at = doc.indexOf(header)
  assert.ok(at >= 0, `docs/ltp-dashboard.md has no table "${header}"`)
  const rows = doc.slice(at).split('\n\n')[0].split('\n').slice(2).map((row) => row.split(' | '))
  const functionsOf = (cells) => [...cells[0].matchAll(/`(\w+)`/g)].map((m) => m[1])
  // Rows naming the same functions add up; each group's refusals are counted once.
  const groups = new Map()
  for (const cells of rows) {
    const key = functionsOf(cells).sort().join(',')
    groups.set(key, (groups.get(key) ?? 0) + Number(cells.at(-1).replace('|', '').trim()))
  }
  for (const [key, cases] of groups) {
    const fns = key.split(',')
    assert.equal(refused.filter((e) => fns.includes(e.fn)).length, cases, `strictness table rows of ${key}`)
  }
  const documented = new Set(rows.flatMap(functionsOf))
  assert.deepEqual(refused.filter((e) => !documented.has(e.fn)).map((e) => e.fn), [], 'refusals missing from the strictness table')
}

module.exports = { assertDocumented }
