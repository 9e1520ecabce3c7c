// Stands in for the dashboard's src/lib/broadcast.ts while recording: broadcasts are collected
// (globalThis.__recorder.broadcasts), not sent.
'use strict'
const sent = (kind) => async (event) => { globalThis.__recorder.broadcasts.push({ kind, event }) }
module.exports = { broadcastSetupForming: sent('forming'), broadcastSetupReady: sent('ready') }
