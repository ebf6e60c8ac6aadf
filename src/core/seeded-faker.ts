import type { Faker } from '@faker-js/faker'
import { faker as english } from '@faker-js/faker/locale/en'

/**
 * The English locale entry exports an instance only; the package's index,
 * which exports the class, loads all 70 locales (~0.5 s). The instance's
 * constructor is that class.
 */
const FakerClass = english.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker

/**
 * A faker of its own for one seed: nothing shared between sessions or
 * providers, so determinism does not depend on who draws when (an await in a
 * seed function cannot let another session's draws in between).
 */
export function seededFaker(seed: number, refDate: Date): Faker {
  const faker = new FakerClass({ locale: english.rawDefinitions })
  faker.seed(seed)
  faker.setDefaultRefDate(refDate)
  return faker
}
