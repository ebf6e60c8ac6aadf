import { describe, expect, it } from 'vitest'
import { ChangePlan, type PlanTable } from '../../src/core/rules.js'
import { PATCH_FIELDS } from '../../src/core/table.js'

type Row = Record<string, unknown>
/** A table that records what a commit writes, in order. */
function recordingTable() {
  const writes: [Row, string[], unknown[]][] = []
  const table: PlanTable<Row> = {
    [PATCH_FIELDS](record, keys, values) {
      writes.push([record, [...keys], [...values]])
      for (let i = 0; i < keys.length; i++)
        Object.defineProperty(record, keys[i]!, { value: values[i], enumerable: true, writable: true })
    },
  }
  return { table, writes }
}

describe('ChangePlan', () => {
  it('shows pending values to later reads, writes nothing before commit, then each record once', () => {
    const { table, writes } = recordingTable()
    const a: Row = { status: '400', tracking_number: null }
    const b: Row = { status: '100' }
    const plan = new ChangePlan()
    plan.set(table, a, { tracking_number: 'TR-1', status: '500' })
    plan.setField(table, a, 'status', '450')
    plan.touch(table, b)
    expect(plan.value(a, 'status')).toBe('450')
    expect(plan.value(a, 'tracking_number')).toBe('TR-1')
    expect(plan.value(b, 'status')).toBe('100')
    expect(plan.has(a, 'status')).toBe(true)
    expect(plan.has(b)).toBe(true)
    expect(plan.has(b, 'status')).toBe(false)
    expect(plan.has({})).toBe(false)
    expect(a).toEqual({ status: '400', tracking_number: null })
    plan.setOnEverySaved({ modified_date: 'now' })
    plan.commit()
    // Fields in the order first set; a field set twice is written once, with its last value.
    expect(writes).toEqual([
      [a, ['tracking_number', 'status', 'modified_date'], ['TR-1', '450', 'now']],
      [b, ['modified_date'], ['now']],
    ])
  })

  it('keeps a "__proto__" field name a field: nothing reaches a prototype', () => {
    const { table, writes } = recordingTable()
    const record: Row = {}
    const plan = new ChangePlan()
    plan.set(table, record, JSON.parse('{"__proto__": {"polluted": true}}'))
    expect(plan.has(record, '__proto__')).toBe(true)
    expect(plan.value(record, '__proto__' as never)).toEqual({ polluted: true })
    plan.commit()
    expect(writes[0]![1]).toEqual(['__proto__'])
    expect(({} as Row).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
  })
})
