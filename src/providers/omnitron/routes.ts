import type { Context } from 'hono'
import { readBody } from '../../core/body.js'
import { type MockEnv, publicUrl } from '../../core/context.js'
import { ChangePlan, evaluate, type FieldErrors } from '../../core/rules.js'
import { authenticateToken } from '../../frameworks/drf/auth.js'
import { booleanField, choiceField, MSG, validatePartial } from '../../frameworks/drf/fields.js'
import { paginate } from '../../frameworks/drf/pagination.js'
import { isPlainObject, pythonTypeName, readDrfData } from '../../frameworks/drf/request.js'
import { DRF, drfJson } from '../../frameworks/drf/responses.js'
import { DjangoSite } from '../../frameworks/drf/site.js'
import { OPERATION, type OmnitronWrite, omnitronRules } from './rules.js'
import { CANCEL_STATUSES, ORDER_STATUSES, type OrderRecord } from './schemas.js'
import type { OmnitronDb } from './seed.js'
import { serializeOrder } from './serialize.js'

/** Omnitron's own message for a value outside an enum (seed 000). */
const NO_MATCHING_TYPE = 'No matching type.'

const dbOf = (c: Context<MockEnv>) => c.var.mock.session.dbs.get('omnitron') as OmnitronDb

/** DRF's get_object(): an unknown or non-integer pk is the same 404. */
function lookup<R>(table: { get(pk: unknown): R | undefined }, raw: string): R | undefined {
  return /^\d{1,15}$/.test(raw) ? table.get(Number(raw)) : undefined
}

const notFound = () => drfJson(404, { detail: DRF.notFound })
const badRequest = (errors: FieldErrors | Record<string, unknown>) => drfJson(400, errors)

/** Runs the rules of one write and commits its plan, or answers 400 with every error. */
function write(c: Context<MockEnv>, operation: string, ctx: OmnitronWrite, plan: ChangePlan): Response | undefined {
  const result = evaluate(omnitronRules, operation, ctx, plan, c.var.mock.scenario.disabledRules)
  c.var.mock.fired.push(...result.fired)
  if (!result.ok) return badRequest(result.errors)
  plan.commit()
  return undefined
}

export function omnitronRoutes() {
  const site = new DjangoSite({
    appendSlash: true,
    guard: (c) => {
      const auth = authenticateToken(c.req.header('authorization') ?? null, (key) => dbOf(c).tokens.get(key))
      return auth.ok ? undefined : auth.response
    },
  })

  site.view('/api/v1/auth/login/', {
    name: 'Login',
    public: true,
    async post(c) {
      const form = (c.req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
      let data: unknown
      if (form) {
        const body = await readBody(c)
        if (!body.ok) return body.response
        data = Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body.bytes)))
      }
      else {
        const parsed = await readDrfData(c)
        if (!parsed.ok) return parsed.response
        data = parsed.data
      }
      if (!isPlainObject(data)) return badRequest({ non_field_errors: [MSG.notDict(pythonTypeName(data))] })
      const { password, username } = data as Record<string, unknown>
      if (password === undefined) return badRequest({ password: [MSG.required] })
      if (password === null) return badRequest({ password: [MSG.null] })
      if (password === '') return badRequest({ password: [MSG.blank] })
      if (typeof username !== 'string' || username.trim() === '') {
        return badRequest({ non_field_errors: ['Must include "username" and "password".'] })
      }
      const user = dbOf(c).users.find((u) => u.username === username.trim() && u.password === String(password))
      if (!user) return badRequest({ non_field_errors: ['Unable to log in with provided credentials.'] })
      return drfJson(200, { key: user.token })
    },
  })

  site.view('/api/i1/orders/', {
    name: 'Order List',
    get(c) {
      const url = new URL(c.req.url)
      const q = url.searchParams
      const errors: FieldErrors = {}
      for (const [param, choices] of [['status', ORDER_STATUSES], ['cancel_status', CANCEL_STATUSES]] as const) {
        const v = q.get(param)
        if (v !== null && v !== '' && !(choices as readonly string[]).includes(v)) {
          errors[param] = [`Select a valid choice. ${v} is not one of the available choices.`]
        }
      }
      if (Object.keys(errors).length > 0) return badRequest(errors)
      const status = q.get('status') || undefined
      const cancelStatus = q.get('cancel_status') || undefined
      const number = q.get('number') || undefined
      const isSend = ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[(q.get('is_send') ?? '').toLowerCase()]
      const orders = dbOf(c)
        .orders.findMany((query) =>
          query.where(
            (o: OrderRecord) =>
              (status === undefined || o.status === status) &&
              (cancelStatus === undefined || o.cancel_status === cancelStatus) &&
              (number === undefined || o.number === number) &&
              (isSend === undefined || o.is_send === isSend),
          ),
        )
        .sort((a, b) => a.pk - b.pk)
      const page = paginate(orders, publicUrl(c), { pageSize: 10, pageSizeParam: 'limit' })
      if (!page.ok) return page.response
      return drfJson(200, { ...page.body, results: page.body.results.map(serializeOrder) })
    },
  })

  site.view('/api/v1/orders/:pk{[^/.]+}/', {
    name: 'Order Detail',
    get(c) {
      const order = lookup(dbOf(c).orders, c.req.param('pk') ?? '')
      return order ? drfJson(200, serializeOrder(order)) : notFound()
    },
    async patch(c) {
      const db = dbOf(c)
      const order = lookup(db.orders, c.req.param('pk') ?? '')
      if (!order) return notFound()
      const parsed = await readDrfData(c)
      if (!parsed.ok) return parsed.response
      if (!isPlainObject(parsed.data)) return badRequest({ non_field_errors: [MSG.notDict(pythonTypeName(parsed.data))] })
      const { values, errors } = validatePartial(
        { status: choiceField(ORDER_STATUSES, NO_MATCHING_TYPE), is_send: booleanField() },
        parsed.data,
      )
      if (Object.keys(errors).length > 0) return badRequest(errors)
      const plan = new ChangePlan()
      plan.touch(db.orders, order)
      const rejected = write(c, OPERATION.orderUpdate, { db, now: c.var.mock.now, values, order }, plan)
      return rejected ?? drfJson(200, serializeOrder(order))
    },
  })

  return site.finish()
}

