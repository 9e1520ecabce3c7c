// What the recordings share: a seeded generator (mulberry32) and a fixed clock for the
// functions that stamp the current time.

/** Uniform numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function mulberry32 (seed) {
  return function () {
    seed |= 0; seed = seed + 0x6D2B79F5 | 0
    let t = Math.imul(seed ^ seed >>> 15, 1 | seed)
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t
    return ((t ^ t >>> 14) >>> 0) / 4294967296
  }
}

/** The time every recorded explanation is stamped with. */
export const NOW = Date.UTC(2024, 0, 2, 14, 30, 0, 123)

/** Runs `call` with `new Date()` and `Date.now()` reading NOW. */
export function atNow (call) {
  const RealDate = Date
  globalThis.Date = class extends RealDate {
    constructor (...args) { if (args.length) super(...args); else super(NOW) }
    static now () { return NOW }
  }
  try { return call() } finally { globalThis.Date = RealDate }
}
