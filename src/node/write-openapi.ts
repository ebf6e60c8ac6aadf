/** `npm run openapi`: rewrites openapi/<provider>.json and .yaml from the providers' zod schemas. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openApiDocuments, openApiYamlDocuments } from '../openapi.js'
import { PACKAGE_ROOT } from './package-root.js'

const dir = join(PACKAGE_ROOT, 'openapi')
mkdirSync(dir, { recursive: true })
const yaml = openApiYamlDocuments()
for (const [name, doc] of Object.entries(openApiDocuments())) {
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`)
  writeFileSync(join(dir, `${name}.yaml`), yaml[name]!)
  process.stdout.write(`wrote openapi/${name}.json and openapi/${name}.yaml\n`)
}
