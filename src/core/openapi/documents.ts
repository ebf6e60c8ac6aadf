import { stringify } from 'yaml'
import type { AnyProvider } from '../provider.js'
import { buildOpenApi, type OpenApiDocument } from './build.js'

/** Each provider's OpenAPI document, built once per provider and version (they never change at run time). */
const cache = new WeakMap<AnyProvider, { version: string; doc: OpenApiDocument; yaml?: string }>()

export function openApiDocument(provider: AnyProvider, version: string): OpenApiDocument | undefined {
  if (!provider.openapi) return undefined
  const hit = cache.get(provider)
  if (hit && hit.version === version) return hit.doc
  const doc = buildOpenApi(provider.openapi, { version })
  cache.set(provider, { version, doc })
  return doc
}

/** The same document as YAML (anchors off: every schema written out where it is used). */
export function openApiYaml(provider: AnyProvider, version: string): string | undefined {
  const doc = openApiDocument(provider, version)
  if (!doc) return undefined
  const hit = cache.get(provider)!
  hit.yaml ??= stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 })
  return hit.yaml
}
