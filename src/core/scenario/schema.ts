import { z } from 'zod'
import { INSTANT_RANGE_TEXT, parseInstant } from '../clock.js'
import { faultSchema } from '../faults.js'
import type { AnyProvider } from '../provider.js'

export const SCENARIO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export const isoInstant = z.string().refine((s) => parseInstant(s) !== undefined, {
  message: `Expected an ISO 8601 instant with an offset, e.g. 2025-01-24T08:45:18Z, from ${INSTANT_RANGE_TEXT}`,
})

/**
 * The whole scenario file format: the provider-agnostic part here, each
 * provider's section from the provider itself (so a new provider never touches core).
 * The same zod schema validates files at load and generates scenario.schema.json.
 */
export function scenarioSchema(providers: readonly AnyProvider[]) {
  const sections: Record<string, z.ZodType> = {}
  for (const p of providers) sections[p.name] = p.scenarioSchema.optional()
  return z
    .object({
      $schema: z.string().optional().describe('Editor hint: the JSON Schema of this format.'),
      name: z
        .string()
        .regex(SCENARIO_NAME, 'Letters, digits, ".", "_" and "-" only, 64 at most')
        .optional()
        .describe('The name X-Mock-Scenario selects; defaults to the file name without its extension.'),
      description: z.string().default('').describe('One line for GET /__mock/scenarios.'),
      extends: z
        .string()
        .optional()
        .describe('Name of another scenario to start from: objects merge, record lists merge by primary key.'),
      seed: z
        .number()
        .int()
        .min(0)
        .default(1)
        .describe('Seed for generated records: the same seed gives the same data on every run.'),
      refDate: isoInstant
        .default('2025-01-01T00:00:00Z')
        .describe('Generated dates are spread over the year before this instant, never relative to the real clock.'),
      now: isoInstant
        .optional()
        .describe('Freeze "now" for every session of this scenario (X-Mock-Now still wins per request).'),
      rules: z
        .object({
          disabled: z
            .array(z.string())
            .default([])
            .describe('Rule ids (GET /__mock/rules) that do not run in this scenario.'),
        })
        .strict()
        .default({ disabled: [] }),
      faults: z
        .array(faultSchema)
        .default([])
        .describe(
          'Faults to inject: the first whose match fits a request applies (see README "Testing failure paths").',
        ),
      providers: z.object(sections).strict().default({}),
    })
    .strict()
}

export type ScenarioDocument = z.output<ReturnType<typeof scenarioSchema>>
