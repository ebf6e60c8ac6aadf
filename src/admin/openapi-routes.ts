import { Hono } from 'hono'
import { openApiDocument, openApiYaml } from '../core/openapi/documents.js'
import { problemResponse } from '../core/problem.js'
import type { AnyProvider } from '../core/provider.js'
import { textResponse } from '../core/respond.js'

/**
 * GET /__mock/openapi (the list) and /__mock/openapi/<provider>.json|.yaml.
 * Public even with --admin-token, like health: a document describes the
 * providers' API and holds no session data.
 */
export function openapiRoutes(providers: readonly AnyProvider[], version: string): Hono {
  const routes = new Hono({ strict: false })
  const documented = () => providers.filter((p) => p.openapi)

  routes.get('/openapi', (c) =>
    c.json({
      documents: documented().map((p) => ({
        provider: p.name,
        title: p.title,
        json: `/__mock/openapi/${p.name}.json`,
        yaml: `/__mock/openapi/${p.name}.yaml`,
      })),
    }),
  )

  routes.get('/openapi/:file', (c) => {
    const match = /^([a-z0-9-]+)\.(json|yaml)$/.exec(c.req.param('file'))
    const provider = match && documented().find((p) => p.name === match[1])
    if (!match || !provider) {
      return problemResponse({
        code: 'no-such-document',
        status: 404,
        title: 'No such OpenAPI document',
        detail: `Documents: ${documented()
          .map((p) => `/__mock/openapi/${p.name}.json (or .yaml)`)
          .join(', ')}.`,
      })
    }
    if (match[2] === 'json') return c.json(openApiDocument(provider, version)!)
    return textResponse(openApiYaml(provider, version)!, {
      status: 200,
      headers: { 'Content-Type': 'application/yaml; charset=utf-8' },
    })
  })
  return routes
}
