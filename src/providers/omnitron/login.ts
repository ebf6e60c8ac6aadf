import { charField, notAMapping, validate } from '../../frameworks/drf/fields.js'
import type { QueryDict } from '../../frameworks/drf/querydict.js'
import type { WriteResult } from '../../frameworks/drf/views.js'
import type { OmnitronDb } from './seed.js'

/** dj-rest-auth's LoginSerializer: username optional and blank-able, password a required string (not stripped). */
export const LOGIN_FIELDS = {
  username: charField({ allowBlank: true }),
  password: charField({ required: true, trimWhitespace: false }),
}

/**
 * POST /api/v1/auth/login/: the LoginSerializer over request.data (JSON or
 * form, as DRF's parsers give it); the answer is the user's token key.
 */
export function login(db: OmnitronDb, data: unknown): WriteResult {
  const invalid = notAMapping(data)
  if (invalid) return { status: 400, body: invalid }
  const { values, errors } = validate(LOGIN_FIELDS, data as Record<string, unknown> | QueryDict, {
    partial: false,
    ctx: db.drf,
  })
  if (Object.keys(errors).length > 0) return { status: 400, body: errors }
  const username = values.username ?? ''
  const password = values.password ?? ''
  if (username === '') return { status: 400, body: { non_field_errors: ['Must include "username" and "password".'] } }
  const user = db.users.find((u) => u.username === username && u.password === password)
  if (!user) return { status: 400, body: { non_field_errors: ['Unable to log in with provided credentials.'] } }
  return { status: 200, body: { key: user.token } }
}
