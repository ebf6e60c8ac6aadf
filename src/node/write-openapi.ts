/** `npm run openapi`: rewrites openapi/<provider>.json and .yaml from the providers' zod schemas. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { openApiDocuments, openApiYamlDocuments } from '../openapi.js'

const dir = fileURLToPath(new URL('../../openapi/', import.meta.url))
mkdirSync(dir, { recursive: true })
const yaml = openApiYamlDocuments()
for (const [name, doc] of Object.entries(openApiDocuments())) {
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify(doc, null, 2)}\n`)
  writeFileSync(`${dir}${name}.yaml`, yaml[name]!)
  process.stdout.write(`wrote openapi/${name}.json and openapi/${name}.yaml\n`)
}
