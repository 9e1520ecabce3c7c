'use strict'
// The drop-ins' error contract in one place (and the two coded errors they throw themselves): whatever a drop-in function throws (or a Promise it
// returns rejects with) carries an EDGEKIT_* code. The engine's own errors already do; a
// TypeError from JavaScript reading a caller's value (a BigInt or a Symbol where a number
// belongs, as the dashboard's arithmetic would also throw on) becomes EDGEKIT_INVALID_TYPE, with
// the original as its `cause`.

/** A TypeError for an argument of the wrong type (EDGEKIT_INVALID_TYPE). */
function typeError (message) {
  const error = new TypeError(message)
  error.code = 'EDGEKIT_INVALID_TYPE'
  return error
}

/** An Error for an argument of the right type the drop-in cannot take (EDGEKIT_INVALID_INPUT). */
function inputError (message) {
  const error = new Error(message)
  error.code = 'EDGEKIT_INVALID_INPUT'
  return error
}

function codedError (error) {
  if (error && typeof error.code === 'string' && error.code.startsWith('EDGEKIT_')) return error
  const wrapped = new TypeError(error && error.message !== undefined ? error.message : String(error))
  wrapped.code = 'EDGEKIT_INVALID_TYPE'
  wrapped.cause = error
  return wrapped
}

/** `fn` with every error it throws, or its Promise rejects with, coded. */
function coded (fn) {
  const wrapped = function (...args) {
    let result
    try {
      result = fn.apply(this, args)
    } catch (error) {
      throw codedError(error)
    }
    if (result && typeof result.then === 'function') return result.then(undefined, (error) => { throw codedError(error) })
    return result
  }
  Object.defineProperty(wrapped, 'name', { value: fn.name })
  return wrapped
}

/** `exports` with each of `names` (functions) coded. */
function codedExports (exports, names) {
  for (const name of names) exports[name] = coded(exports[name])
  return exports
}

module.exports = { coded, codedError, codedExports, inputError, typeError }
