// Stands in for the dashboard's src/lib/supabase.ts while recording: the analysis functions
// never reach the database; a call that does fails loudly instead of recording nonsense.
'use strict'
const refuse = () => { throw new Error('the recorder has no database: a recorded function reached Supabase') }
module.exports = { supabaseAdmin: new Proxy({}, { get: refuse }), supabase: new Proxy({}, { get: refuse }) }
