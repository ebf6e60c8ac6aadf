/**
 * order-contract-mock: the platform-neutral entry point. Nothing reachable
 * from here uses a Node API, so it runs and bundles anywhere fetch does
 * (Node, browsers, workers). Node's extras (the HTTP server, scenario folders,
 * the CLI's pieces) are in `order-contract-mock/node`; under Node the root
 * entry resolves to that one, so `import { startServer } from
 * 'order-contract-mock'` keeps working there.
 */
export type { AppOptions, RequestLogEntry } from './app.js'
export type { Instant } from './core/clock.js'
export type { MockEnv, RequestContext } from './core/context.js'
export { MockEngine, type MockEvent } from './core/engine.js'
export { CONNECTION_FAULTS } from './core/faults.js'
export type { JournalEntry } from './core/journal.js'
export type { OpenApiDocument } from './core/openapi/build.js'
export { MockProblemError } from './core/problem.js'
export type { Provider, SeedContext, StateOf, StoreOf } from './core/provider.js'
export type { FieldErrors, Rule, RuleInfo, RuleSource } from './core/rules.js'
export { type Scenario, ScenarioError, type ScenarioOrigin, type ScenarioSource } from './core/scenario/registry.js'
export type { StoreKey } from './core/store.js'
export { TableError } from './core/table.js'
export { type CreateAppOptions, createApp, createEngine, type MockApp } from './create-app.js'
export {
  type CreateMockOptions,
  createMock,
  type Mock,
  type RequestFilter,
  type SessionSelector,
} from './create-mock.js'
export { BUNDLED_SCENARIO_SOURCES } from './generated/scenarios.js'
export { VERSION } from './generated/version.js'
export { openApiDocuments, openApiYamlDocuments } from './openapi.js'
export type {
  AymakanAddress,
  AymakanDb,
  AymakanEnvelope,
  AymakanOrderItemRequest,
  AymakanOrderRecord,
  AymakanOrderRequest,
  AymakanOrderResponse,
} from './providers/aymakan/index.js'
export type {
  HamgamDb,
  HamgamItemRecord,
  HamgamItemResponse,
  HamgamItemWriteRequest,
  HamgamOrderRecord,
  HamgamOrderResponse,
  HamgamPaymentRecord,
  HamgamPaymentResponse,
  HamgamPaymentWriteRequest,
} from './providers/hamgam/index.js'
export { allProviders, type ProviderDbs, type ProviderName, type ProviderState } from './providers/index.js'
export type {
  OmnitronBulkErrorResponse,
  OmnitronBulkItemResponse,
  OmnitronBulkStatusUpdateRequest,
  OmnitronCancelStatus,
  OmnitronDb,
  OmnitronFieldErrors,
  OmnitronLoginRequest,
  OmnitronLoginResponse,
  OmnitronOrderItemResponse,
  OmnitronOrderItemUpdateRequest,
  OmnitronOrderResponse,
  OmnitronOrderStatus,
  OmnitronOrderUpdateRequest,
  OmnitronPage,
  OrderItemRecord,
  OrderRecord,
} from './providers/omnitron/index.js'
