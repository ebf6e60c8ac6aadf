import type { Faker } from '@faker-js/faker'
import { faker as baseOnly } from '@faker-js/faker/locale/base'
import { FAKER_EN_JSON } from '../generated/faker-en.js'

/**
 * faker's locale-free entry: its class (the instance's constructor; the
 * package's index, which exports the class, loads all 70 locales, ~0.5 s) and
 * the `base` definitions every locale falls back to.
 */
const FakerClass = baseOnly.constructor as new (options: { locale: Faker['rawDefinitions'][] }) => Faker

/**
 * The English categories the seeds draw from (scripts/generate.mjs picks them
 * from faker's `en`), over `base`, as faker's English instance merges them:
 * the same values for every draw the seeds make, without loading the rest of
 * the locale (~300 KB of code, ~2 MB of heap). Parsed on first use.
 */
let english: Faker['rawDefinitions'] | undefined

/**
 * A faker of its own for one seed: nothing shared between sessions or
 * providers, so determinism does not depend on who draws when (an await in a
 * seed function cannot let another session's draws in between).
 */
export function seededFaker(seed: number, refDate: Date): Faker {
  english ??= JSON.parse(FAKER_EN_JSON) as Faker['rawDefinitions']
  const faker = new FakerClass({ locale: [english, baseOnly.rawDefinitions] })
  faker.seed(seed)
  faker.setDefaultRefDate(refDate)
  return faker
}
