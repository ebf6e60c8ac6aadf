import { z } from 'zod'
import type { AnyProvider } from '../core/provider.js'
import { scenarioSchema } from '../core/scenario/schema.js'

/** JSON Schema of the scenario file format, generated from the zod schema that validates the files. */
export function scenarioJsonSchema(providers: readonly AnyProvider[]): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema(providers), { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return {
    ...schema,
    $id: 'https://github.com/order-contract-mock/order-contract-mock/scenarios/scenario.schema.json',
    title: 'order-contract-mock scenario',
  }
}

export function scenarioJsonSchemaText(providers: readonly AnyProvider[]): string {
  return `${JSON.stringify(scenarioJsonSchema(providers), null, 2)}\n`
}
