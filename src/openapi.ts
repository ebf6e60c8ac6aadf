import type { OpenApiDocument } from './core/openapi/build.js'
import { openApiDocument, openApiYaml } from './core/openapi/documents.js'
import type { AnyProvider } from './core/provider.js'
import { VERSION } from './generated/version.js'
import { allProviders } from './providers/index.js'

/** Each provider's OpenAPI 3.1 document by provider name, exactly as GET /__mock/openapi/<name>.json serves it. */
export function openApiDocuments(providers: readonly AnyProvider[] = allProviders): Record<string, OpenApiDocument> {
  return Object.fromEntries(providers.flatMap((p) => (p.openapi ? [[p.name, openApiDocument(p, VERSION)!]] : [])))
}

/** The same documents as YAML text. */
export function openApiYamlDocuments(providers: readonly AnyProvider[] = allProviders): Record<string, string> {
  return Object.fromEntries(providers.flatMap((p) => (p.openapi ? [[p.name, openApiYaml(p, VERSION)!]] : [])))
}
