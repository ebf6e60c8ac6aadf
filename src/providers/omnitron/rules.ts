import { formatDrfDateTime, type Instant } from '../../core/clock.js'
import type { Rule } from '../../core/rules.js'
import type { OmnitronDb } from './seed.js'
import type { OrderRecord } from './schemas.js'

const SEED_000 = '000 Update Order and Order Item'

/** What every Omnitron rule sees: the session's records, the validated payload, the clock. */
export interface OmnitronWrite {
  readonly db: OmnitronDb
  readonly now: Instant
  /** Field values that passed validation (null where null was sent). */
  readonly values: Readonly<Record<string, unknown>>
  readonly order?: OrderRecord
}

export const OPERATION = {
  orderUpdate: 'omnitron.order.update',
} as const

export const omnitronRules: Rule<OmnitronWrite>[] = [
  {
    id: 'omnitron.order.only-is-send-applied',
    provider: 'omnitron',
    summary: 'PATCH /api/v1/orders/{pk}/ applies is_send only; a valid status is accepted but not applied, other fields are ignored.',
    source: { kind: 'doc', document: SEED_000, section: 'Update Order' },
    operations: [OPERATION.orderUpdate],
    derive(ctx, plan) {
      if (!ctx.order || !Object.hasOwn(ctx.values, 'is_send')) return false
      plan.set(ctx.db.orders, ctx.order, { is_send: ctx.values.is_send as boolean })
      return true
    },
  },
  {
    id: 'omnitron.modified-date.auto',
    provider: 'omnitron',
    summary: 'Every successful write sets modified_date to now on each record it saves (Django auto_now). Runs last.',
    source: { kind: 'doc', document: SEED_000, section: 'Key Points' },
    operations: [OPERATION.orderUpdate],
    derive(ctx, plan) {
      const stamp = formatDrfDateTime(ctx.now)
      const saved = plan.entries()
      for (const { record, table } of saved) plan.set(table as never, record, { modified_date: stamp })
      return saved.length > 0
    },
  },
]
