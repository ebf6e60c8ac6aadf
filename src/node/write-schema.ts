/** `npm run schema`: rewrites scenarios/scenario.schema.json from the zod schemas. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { allProviders } from '../providers/index.js'
import { scenarioJsonSchemaText } from './json-schema.js'
import { BUNDLED_SCENARIOS_DIR } from './scenario-files.js'

const file = join(BUNDLED_SCENARIOS_DIR, 'scenario.schema.json')
writeFileSync(file, scenarioJsonSchemaText(allProviders))
process.stdout.write(`wrote ${file}\n`)
