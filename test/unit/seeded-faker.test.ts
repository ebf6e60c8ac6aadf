/**
 * Seeds draw from a faker with only the categories of the English locale they
 * read (src/generated/faker-en.ts, picked by scripts/generate.mjs) over faker's
 * `base`: loading the whole locale cost ~300 KB of code and ~2 MB of heap at
 * every start that seeds. These prove the values are the ones faker's full
 * English instance gives, draw for draw and record for record: users'
 * snapshots rely on the same seed giving the same data.
 */
import type { Faker } from '@faker-js/faker'
import { faker as english } from '@faker-js/faker/locale/en'
import { describe, expect, it } from 'vitest'
import type { AnyProvider } from '../../src/core/provider.js'
import { buildScenarios } from '../../src/core/scenario/registry.js'
import { seededFaker } from '../../src/core/seeded-faker.js'
import { BUNDLED_SCENARIO_SOURCES } from '../../src/generated/scenarios.js'
import { allProviders } from '../../src/providers/index.js'

const refDate = new Date('2025-01-24T00:00:00Z')
const FullEnglish = english.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker

/** What the engine made before: faker's English instance's definitions, the whole locale. */
function fullFaker(seed: number): Faker {
  const faker = new FullEnglish({ locale: english.rawDefinitions })
  faker.seed(seed)
  faker.setDefaultRefDate(refDate)
  return faker
}

// Every faker method a provider's seed calls (src/providers/*/seed.ts), with the options it passes.
const DRAWS: Record<string, (f: Faker) => unknown> = {
  streetAddress: (f) => f.location.streetAddress(),
  city: (f) => f.location.city(),
  firstName: (f) => f.person.firstName(),
  lastName: (f) => f.person.lastName(),
  phone: (f) => f.phone.number(),
  ipv4: (f) => f.internet.ipv4(),
  objectId: (f) => f.database.mongodbObjectId(),
  price: (f) => f.commerce.price({ min: 5, max: 900, dec: 2 }),
  past: (f) => f.date.past({ years: 1, refDate }).toISOString(),
  alphanumeric: (f) => f.string.alphanumeric({ length: 12, casing: 'lower' }),
  numeric: (f) => f.string.numeric({ length: 16, allowLeadingZeros: false }),
  int: (f) => f.number.int({ min: 1000, max: 999_999 }),
  element: (f) => f.helpers.arrayElement(['200', '400', '450', '500', '550']),
}

describe('the seeds’ faker (part of the English locale)', () => {
  it('draws what the full English locale draws, method by method, over many seeds', () => {
    const draws = (faker: Faker) => {
      const out: unknown[] = []
      for (let i = 0; i < 200; i++) for (const draw of Object.values(DRAWS)) out.push(draw(faker))
      return out
    }
    for (let seed = 0; seed < 20; seed++)
      expect(draws(seededFaker(seed, refDate)), `seed ${seed}`).toEqual(draws(fullFaker(seed)))
  })

  it("gives every provider's seed the same records as the full English locale, byte for byte", async () => {
    const scenario = buildScenarios(
      [
        ...BUNDLED_SCENARIO_SOURCES,
        {
          file: 'g.yaml',
          text: 'extends: default\nproviders:\n  omnitron: { generate: { orders: 30, itemsPerOrder: 4 } }\n  hamgam: { generate: { orders: 120, itemsPerOrder: 3 } }\n  aymakan: { generate: { orders: 400 } }\n',
        },
      ],
      allProviders,
    ).get('g')!
    for (const provider of allProviders as readonly AnyProvider[]) {
      const section = scenario.providers[provider.name]
      const state = async (faker: Faker) => {
        const db = await provider.seed(section, { faker, refDate })
        return JSON.stringify(Object.entries(provider.tables(db)).map(([name, table]) => [name, table.snapshot()]))
      }
      const trimmed = await state(seededFaker(11, refDate))
      expect(trimmed.length, provider.name).toBeGreaterThan(50_000)
      expect(trimmed, provider.name).toBe(await state(fullFaker(11)))
    }
  })
})
