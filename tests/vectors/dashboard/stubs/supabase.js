// Stands in for the dashboard's src/lib/supabase.ts while recording: the analysis functions
// never reach the database; a call that does fails loudly instead of recording nonsense. While a
// detection cycle is recorded (globalThis.__recorder.database is an array), `from(table).upsert`
// is collected there instead, as the detector writes its setups.
'use strict'
const refuse = () => { throw new Error('the recorder has no database: a recorded function reached Supabase') }
const client = new Proxy({}, {
  get (_, name) {
    const rows = globalThis.__recorder.database
    if (name !== 'from' || !Array.isArray(rows)) return refuse()
    return (table) => ({ upsert: async (row, options) => { rows.push({ table, row, options }); return { error: null } } })
  }
})
module.exports = { supabaseAdmin: client, supabase: new Proxy({}, { get: refuse }) }
