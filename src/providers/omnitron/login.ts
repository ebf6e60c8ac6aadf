import { charField, MSG, validatePartial } from '../../frameworks/drf/fields.js'
import { pythonTypeName } from '../../frameworks/drf/python.js'
import { isPlainObject } from '../../frameworks/drf/request.js'
import type { WriteResult } from '../../frameworks/drf/views.js'
import type { OmnitronDb } from './seed.js'

/**
 * POST /api/v1/auth/login/: dj-rest-auth's LoginSerializer — username
 * optional and blank-able, password a required string (not stripped); the
 * answer is the user's token key.
 */
export function login(db: OmnitronDb, data: unknown): WriteResult {
  if (!isPlainObject(data)) return { status: 400, body: { non_field_errors: [MSG.notDict(pythonTypeName(data))] } }
  const { values, errors } = validatePartial(
    { username: charField({ allowBlank: true }), password: charField({ allowBlank: false }) },
    data,
  )
  if (!Object.hasOwn(data, 'password')) errors.password = [MSG.required]
  if (Object.keys(errors).length > 0) return { status: 400, body: errors }
  const username = values.username ?? ''
  const password = String(data.password)
  if (username === '') return { status: 400, body: { non_field_errors: ['Must include "username" and "password".'] } }
  const user = db.users.find((u) => u.username === username && u.password === password)
  if (!user) return { status: 400, body: { non_field_errors: ['Unable to log in with provided credentials.'] } }
  return { status: 200, body: { key: user.token } }
}
