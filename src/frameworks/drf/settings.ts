import { z } from 'zod'

/**
 * What the providers' pages do not say about their DRF setup, as a scenario
 * setting per provider (`providers.<name>.drf`). The defaults are DRF's own
 * defaults on a current release; see the README's fidelity table.
 */
export const drfSettingsSchema = z
  .object({
    parsers: z
      .enum(['default', 'json-only'])
      .default('default')
      .describe(
        "DEFAULT_PARSER_CLASSES: 'default' is DRF's (JSON, form-encoded, multipart); 'json-only' answers 415 to anything but JSON.",
      ),
    version: z
      .enum(['3.14', '3.15'])
      .default('3.15')
      .describe(
        "The DRF release line: '3.15' (3.15 and later: 404s keep Django's message, booleans match case-insensitively) or '3.14'. Quote it in YAML.",
      ),
  })
  .strict()
  .default({ parsers: 'default', version: '3.15' })
  .describe('How the provider runs Django REST framework where its documents are silent.')

export type DrfSettings = z.output<typeof drfSettingsSchema>

export const DEFAULT_DRF_SETTINGS: DrfSettings = { parsers: 'default', version: '3.15' }
