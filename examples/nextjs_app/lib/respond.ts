// One place that turns an edgekit error into a 4xx with its stable code: every edgekit error
// carries `code` ('EDGEKIT_INVALID_INPUT', ...); anything else is a 500.
export function failure (error: unknown): Response {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  if (code.startsWith('EDGEKIT_') && code !== 'EDGEKIT_INTERNAL') {
    const message = error instanceof Error ? error.message : String(error)
    return Response.json({ code, message }, { status: 422 })
  }
  return Response.json({ code: code || 'INTERNAL', message: 'internal error' }, { status: 500 })
}

export async function body (request: Request): Promise<unknown> {
  try {
    return await request.json()
  } catch {
    throw Object.assign(new Error('the body must be JSON'), { code: 'EDGEKIT_INVALID_TYPE' })
  }
}
