import type { ApiSpec, OperationSpec, ResponseSpec } from './spec.js'

/**
 * Rewrites every response an ApiSpec declares (its shared responses and each
 * operation's own), so a framework can say once what all its answers have in
 * common (a header on every answer, another rendering of every JSON body)
 * instead of each provider repeating it. References by name are left as they
 * are: the shared response they name is rewritten itself.
 */
export function mapResponses(
  api: ApiSpec,
  fn: (response: ResponseSpec, at: { shared?: string; operation?: OperationSpec; status?: string }) => ResponseSpec,
): ApiSpec {
  return {
    ...api,
    responses: Object.fromEntries(Object.entries(api.responses).map(([name, r]) => [name, fn(r, { shared: name })])),
    operations: api.operations.map((op) => ({
      ...op,
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          typeof r === 'string' ? r : fn(r, { operation: op, status }),
        ]),
      ),
    })),
  }
}
