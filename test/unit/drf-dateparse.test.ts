import { describe, expect, it } from 'vitest'
import { formatDate, parseDate, toUtcInstant } from '../../src/frameworks/drf/dates.js'
import { formatDrfDateTime } from '../../src/frameworks/drf/datetime-format.js'
import fixture from '../fixtures/django-dateparse.json' with { type: 'json' }

/** Every input of test/fixtures/django-dateparse.json, as CPython 3.11 + Django's fallback regex answered it. */
describe('DateTimeField input as Django parses it on Python 3.11+', () => {
  it.each(Object.entries(fixture.datetime))('%j → %s', (input, expected) => {
    const r = toUtcInstant(input)
    expect(r.ok ? formatDrfDateTime(r.instant) : r.reason).toBe(expected)
  })
})

describe('DateField input', () => {
  it.each(Object.entries(fixture.date))('%j → %s', (input, expected) => {
    const r = parseDate(input)
    expect(r ? formatDate(r) : 'invalid').toBe(expected)
  })
})
