import { textResponse } from './respond.js'

/**
 * The mock's own errors (bad control header, unknown scenario, bad admin call)
 * are RFC 9457 problem documents with an `X-Mock-Error` header, so a client can
 * never mistake them for the provider's own error bodies.
 */
export interface Problem {
  /** A stable, short code; also sent as the `X-Mock-Error` header. */
  code: string
  status: number
  title: string
  detail: string
  [extension: string]: unknown
}

export const MOCK_ERROR_HEADER = 'X-Mock-Error'

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  const { code, status, title, detail, ...extensions } = problem
  const body = {
    type: `https://github.com/order-contract-mock/order-contract-mock#error-${code}`,
    title,
    status,
    detail,
    code,
    ...extensions,
  }
  return textResponse(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', [MOCK_ERROR_HEADER]: code, ...headers },
  })
}

/** A problem thrown by an in-process call (createMock()): the same problem the HTTP call answers, on `problem`. */
export class MockProblemError extends Error {
  override name = 'MockProblemError'
  constructor(readonly problem: Problem) {
    super(problem.detail)
  }
}
