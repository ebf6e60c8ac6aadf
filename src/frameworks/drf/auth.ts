import { DRF, drfJson } from './responses.js'

/**
 * rest_framework.authentication.TokenAuthentication, message for message.
 * Every 401 carries `WWW-Authenticate: Token` (APIView.handle_exception).
 */
export type TokenAuthResult<U> = { ok: true; user: U; token: string } | { ok: false; response: Response }

export function authenticateToken<U>(
  authorization: string | null,
  lookup: (key: string) => U | undefined,
  keyword = 'Token',
  extraHeaders: Record<string, string> = {},
): TokenAuthResult<U> {
  const fail = (detail: string): TokenAuthResult<U> => ({
    ok: false,
    response: drfJson(401, { detail }, { 'WWW-Authenticate': keyword, ...extraHeaders }),
  })
  // get_authorization_header(request).split(): bytes split on ASCII whitespace runs.
  const parts = (authorization ?? '').split(/[ \t\n\r\f\v]+/).filter((p) => p !== '')
  if (parts.length === 0 || parts[0]!.toLowerCase() !== keyword.toLowerCase()) return fail(DRF.notAuthenticated)
  if (parts.length === 1) return fail(DRF.tokenNoCredentials)
  if (parts.length > 2) return fail(DRF.tokenSpaces)
  const key = parts[1]!
  // The header arrives as latin-1; a key that is not valid UTF-8 fails decode() in DRF.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "not ASCII", control characters included on purpose
  if (/[^\x00-\x7f]/.test(key) && !isUtf8(key)) return fail(DRF.tokenInvalidChars)
  const user = lookup(key)
  return user === undefined ? fail(DRF.invalidToken) : { ok: true, user, token: key }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function isUtf8(latin1: string): boolean {
  try {
    strictUtf8.decode(Uint8Array.from(latin1, (ch) => ch.charCodeAt(0) & 0xff))
    return true
  } catch {
    return false
  }
}

/** Where TokenAuthentication reads the secret: the journal never keeps it. */
export const TOKEN_AUTH_HEADERS: readonly string[] = ['authorization']
