import type { z } from 'zod'

/**
 * What a provider declares about its HTTP surface, in zod: the input of the
 * OpenAPI builder (build.ts). Every part says where it comes from, so a reader
 * of the document can tell the provider's contract from the mock's choices.
 */

/** documented: the provider's own page says so; framework: the framework's source does; assumption: the mock's choice. */
export type Provenance = 'documented' | 'framework' | 'assumption'

/** The extension carrying a Provenance on operations, responses, examples, parameters and schemes. */
export const SOURCE_EXTENSION = 'x-mock-source'

export interface ExampleSpec {
  summary: string
  value: unknown
  source: Provenance
}

export interface MediaSpec {
  schema: z.ZodType
  examples?: Record<string, ExampleSpec>
}

export interface HeaderSpec {
  description: string
  schema: z.ZodType
  required?: boolean
}

export interface ResponseSpec {
  description: string
  source: Provenance
  /** Body by media type; none for an empty body (a redirect, a HEAD answer). */
  content?: Record<string, MediaSpec>
  headers?: Record<string, HeaderSpec>
}

export interface ParameterSpec {
  name: string
  in: 'path' | 'query' | 'header'
  description: string
  schema: z.ZodType
  required?: boolean
  source: Provenance
}

export type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch'

export interface OperationSpec {
  method: Method
  /** OpenAPI path template relative to the provider's base URL, e.g. `/api/v1/orders/{pk}/`. */
  path: string
  operationId: string
  summary: string
  description?: string
  tags?: string[]
  source: Provenance
  /** `false`: no authentication (a login view); otherwise the API's default security applies. */
  authenticated?: boolean
  parameters?: ParameterSpec[]
  requestBody?: { description?: string; required?: boolean; content: Record<string, MediaSpec> }
  /** Ids of the business rules that take part (GET /__mock/rules explains each). */
  rules?: readonly string[]
  /** By status code; a string names one of the API's shared responses. */
  responses: Record<string, ResponseSpec | string>
}

export interface SecuritySchemeSpec {
  type: 'apiKey'
  in: 'header' | 'query'
  name: string
  description: string
  source: Provenance
}

export interface ApiSpec {
  /** The provider's mount name (`/<name>` on the standalone server). */
  provider: string
  /** How the framework matches a path's trailing slash: Django exactly (APPEND_SLASH redirects), Laravel ignores it. */
  trailingSlash: 'exact' | 'ignored'
  title: string
  description: string
  /** The provider's public documentation. */
  externalDocs?: { url: string; description: string }
  /** The real service's base URL, listed after the mock's own. */
  realServer?: { url: string; description: string; variables?: Record<string, { default: string }> }
  securitySchemes: Record<string, SecuritySchemeSpec>
  /** Each entry is one alternative (OpenAPI semantics: any one of them suffices). */
  security: string[]
  /** Named schemas (components.schemas); a schema used anywhere is referenced by its name. */
  schemas: Record<string, z.ZodType>
  /** Shared responses (components.responses), named by operations and by the fallbacks below. */
  responses: Record<string, ResponseSpec>
  /**
   * Answers that belong to no declared operation, by the mock's extension names
   * (e.g. `unmatchedPath`, `methodNotAllowed`, `injectedFault`, `mockError`):
   * names of shared responses.
   */
  fallbacks: Record<string, string>
  tags?: { name: string; description: string }[]
  operations: OperationSpec[]
}
