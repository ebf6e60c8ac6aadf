import { readdirSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { stringify } from 'yaml'
import { SCENARIO_NAME } from '../core/scenario/schema.js'
import { createEngine } from '../create-app.js'
import { ORDER_STATUSES as AYMAKAN_STATUSES, statusLabel } from '../providers/aymakan/schemas.js'
import { orderItemRecord, orderRecord } from '../providers/omnitron/schemas.js'
import type { ProviderName } from '../verify/cases/types.js'
import { readScenarioDir } from './scenario-files.js'
import type { Io } from './verify/cli.js'
import { rateLimiter } from './verify/run.js'

/**
 * `snapshot`: reads orders through the provider's own GET endpoints and
 * writes a scenario (`extends: default`) that reproduces them, so the mock
 * answers with the shapes of a team's own data. Credentials are never
 * written: the scenario keeps the default scenario's users and keys.
 */

export interface SnapshotOptions {
  provider: ProviderName
  baseUrl: string
  credential: string
  /** Order ids: Omnitron pks, Hamgam ids, Aymakan order_ids. */
  orders: readonly string[]
  rate?: number
  timeoutMs?: number
}

export interface Snapshot {
  /** The provider's scenario section: records only. */
  section: Record<string, unknown>
  /** Fields left out (not valid for the scenario, or secrets), one line each. */
  warnings: string[]
}

type Json = Record<string, unknown>

/** A key that names a secret: never written to a scenario. */
const SECRET_KEY = /token|password|passwd|secret|api[-_]?key|authorization/i

function withoutSecrets(value: unknown, path: string, warnings: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withoutSecrets(v, `${path}[${i}]`, warnings))
  if (value && typeof value === 'object') {
    const out: Json = {}
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) {
        warnings.push(`${path}.${k}: left out (a secret)`)
        continue
      }
      out[k] = withoutSecrets(v, `${path}.${k}`, warnings)
    }
    return out
  }
  return value
}

class Reader {
  private readonly wait: () => Promise<void>
  constructor(
    private readonly options: SnapshotOptions,
    private readonly headers: Record<string, string>,
  ) {
    this.wait = rateLimiter(options.rate ?? 2)
  }
  readonly base = () => this.options.baseUrl.replace(/\/+$/, '')
  async get(pathOrUrl: string): Promise<unknown> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${this.base()}${pathOrUrl}`
    // Only follow links (a page's `next`) to the provider itself: the credential goes nowhere else.
    if (new URL(url).origin !== new URL(this.base()).origin) throw new Error(`${url}: not on ${this.base()}`)
    await this.wait()
    const res = await fetch(url, {
      headers: { Accept: 'application/json', ...this.headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    })
    const text = await res.text()
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 200)}`)
    try {
      return JSON.parse(text)
    } catch {
      throw new Error(`GET ${url}: the answer is not JSON`)
    }
  }
  /** Every result of a DRF-paginated list (at most 100 pages). */
  async all(path: string): Promise<Json[]> {
    const out: Json[] = []
    let next: string | null = path
    for (let page = 0; next && page < 100; page++) {
      const body = (await this.get(next)) as { results?: Json[]; next?: string | null }
      out.push(...(body.results ?? []))
      next = body.next ?? null
    }
    return out
  }
}

/** The fields of `record` the scenario schema accepts, each checked on its own; the rest reported. */
function fieldsOf(
  shape: Record<string, { safeParse(v: unknown): { success: boolean } }>,
  record: Json,
  where: string,
  warnings: string[],
): Json {
  const out: Json = {}
  for (const [key, value] of Object.entries(record)) {
    const field = shape[key]
    if (!field) continue
    if (field.safeParse(value).success) out[key] = value
    else warnings.push(`${where}.${key}: left out (${JSON.stringify(value)} is not a value the scenario accepts)`)
  }
  return out
}

async function snapshotOmnitron(read: Reader, ids: readonly string[], warnings: string[]) {
  const orders: Json[] = []
  const orderItems: Json[] = []
  for (const id of ids) {
    const order = (await read.get(`/api/v1/orders/${encodeURIComponent(id)}/`)) as Json
    orders.push(fieldsOf(orderRecord.shape, order, `order ${id}`, warnings))
    for (const item of await read.all(`/api/v1/order_items/?order=${encodeURIComponent(id)}&limit=100`))
      orderItems.push(fieldsOf(orderItemRecord.shape, item, `order item ${String(item.pk)}`, warnings))
  }
  return { orders, orderItems }
}

const idOf = (v: unknown) => (v && typeof v === 'object' ? ((v as Json).id as number) : null)
const pick = (v: unknown, keys: readonly string[]) =>
  Object.fromEntries(
    keys.filter((k) => v && typeof v === 'object' && Object.hasOwn(v, k)).map((k) => [k, (v as Json)[k]]),
  )

async function snapshotHamgam(read: Reader, ids: readonly string[], warnings: string[]) {
  const byId = () => new Map<number, Json>()
  const products = byId()
  const customers = byId()
  const paymentMethods = byId()
  const shippingMethods = byId()
  const countries = byId()
  const states = byId()
  const cities = byId()
  const orders: Json[] = []
  const items: Json[] = []
  const payments: Json[] = []
  for (const id of ids) {
    const o = (await read.get(`/api/orders/${encodeURIComponent(id)}`)) as Json
    const customer = o.customer_data as { id: number; username: string; full_name: string } | null
    if (customer) {
      const [first = '', ...rest] = customer.full_name.split(' ')
      customers.set(customer.id, {
        id: customer.id,
        username: customer.username,
        first_name: first,
        last_name: rest.join(' '),
      })
    }
    const method = o.payment_method_data as Json | null
    if (method) paymentMethods.set(method.id as number, pick(method, ['id', 'name', 'image']))
    const shipping = o.shipping_method_data as Json | null
    if (shipping) shippingMethods.set(shipping.id as number, pick(shipping, ['id', 'name', 'price']))
    for (const [data, into, keys] of [
      [o.billing_country_data, countries, ['id', 'active', 'name', 'code']],
      [o.billing_state_data, states, ['id', 'active', 'name', 'code']],
      [o.billing_city_data, cities, ['id', 'active', 'name']],
    ] as const)
      if (data) into.set(idOf(data)!, pick(data, keys))
    orders.push({
      ...pick(o, ['id', 'key', 'status', 'shipping_cost', 'notes', 'extra', 'created_at', 'updated_at']),
      customer: idOf(o.customer_data),
      payment_method: idOf(o.payment_method_data),
      shipping_method: idOf(o.shipping_method_data),
      billing_country: idOf(o.billing_country_data),
      billing_state: idOf(o.billing_state_data),
      billing_city: idOf(o.billing_city_data),
      ...pick(o, [
        'billing_address',
        'billing_postal_code',
        'billing_national_code',
        'billing_mobile_number',
        'billing_first_name',
        'billing_last_name',
      ]),
    })
    for (const it of (o.items as Json[] | undefined) ?? []) {
      const data = (it.product_data ?? {}) as Json
      products.set(it.product as number, {
        id: it.product,
        name: typeof data.name === 'string' ? data.name : it.product_name,
        sku: typeof data.sku === 'string' ? data.sku : `product-${String(it.product)}`,
        price: Number.isInteger(data.price) ? data.price : it.unit_price,
      })
      items.push({
        ...pick(it, ['id']),
        order: o.id,
        ...pick(it, [
          'product',
          'product_name',
          'product_data',
          'unit_price',
          'unit_discount',
          'quantity',
          'notes',
          'created_at',
          'updated_at',
        ]),
      })
    }
    for (const p of (o.payments as Json[] | undefined) ?? []) {
      if (!paymentMethods.has(p.payment_method as number)) {
        paymentMethods.set(p.payment_method as number, {
          id: p.payment_method,
          name: `Payment method ${String(p.payment_method)}`,
          image: null,
        })
        warnings.push(
          `payment method ${String(p.payment_method)}: its name is not in the order; written as a placeholder`,
        )
      }
      payments.push({
        ...pick(p, ['id']),
        order: o.id,
        ...pick(p, ['payment_method', 'amount', 'approved', 'transaction_id', 'notes', 'created_at', 'updated_at']),
      })
    }
  }
  const list = (m: Map<number, Json>) => [...m.values()]
  return {
    products: list(products),
    customers: list(customers),
    paymentMethods: list(paymentMethods),
    shippingMethods: list(shippingMethods),
    countries: list(countries),
    states: list(states),
    cities: list(cities),
    orders,
    items,
    payments,
  }
}

const AYMAKAN_ITEM_KEYS = [
  'display_price',
  'selling_price',
  'is_substituted',
  'quantity',
  'tax_percent',
  'tax',
  'unit_price',
  'total',
  'tax_inclusive',
  'discount',
] as const
const ADDRESS_KEYS = [
  'address1',
  'address2',
  'city',
  'country',
  'first_name',
  'last_name',
  'phone',
  'state',
  'zip',
  'state_code',
  'country_code',
  'latitude',
  'longitude',
] as const

async function snapshotAymakan(read: Reader, ids: readonly string[], warnings: string[]) {
  const orders: Json[] = []
  const skus = new Map<string, Json>()
  let sellerName: string | undefined
  for (const id of ids) {
    const body = (await read.get(`/api/v1/orders/${encodeURIComponent(id)}`)) as { data?: Json }
    const o = body.data ?? {}
    const status = AYMAKAN_STATUSES.find((s) => statusLabel(s) === o.status)
    if (!status) {
      warnings.push(`order ${id}: status ${JSON.stringify(o.status)} is not one the mock knows; the order is left out`)
      continue
    }
    sellerName ??= typeof o.seller_name === 'string' ? o.seller_name : undefined
    const items = ((o.order_items as Json[] | undefined) ?? []).map((it) => {
      const sku = String(it.seller_sku_code ?? '')
      skus.set(sku, { sku_code: sku })
      return { sku_code: sku, ...pick(it, AYMAKAN_ITEM_KEYS) }
    })
    orders.push({
      order_id: o.order_id,
      status,
      ...pick(o, ['hub_code']),
      payment_method: o.payment_method === 'Postpaid' ? 'postpaid' : 'prepaid',
      order_items: items,
      shipping_address: pick(o.shipping_address, ADDRESS_KEYS),
      billing_address: pick(o.billing_address, ADDRESS_KEYS),
      invoice: pick(o.invoice, [
        'currency',
        'subtotal',
        'shipping_tax',
        'sub_total_tax_inclusive',
        'sub_total_discount_inclusive',
        'shipping_tax_inclusive',
        'shipping_discount_inclusive',
        'shipping_price',
        'shipping_refund',
        'tax',
        'tax_percent',
        'discount',
        'total',
        'total_paid',
        'total_due',
        'total_refunded',
        'payment_method',
      ]),
      customer: pick(o.customer, ['first_name', 'last_name', 'mobile', 'mobile_code', 'email', 'avatar', 'gender']),
      shipment: pick(o.shipment, ['awb_number', 'awb_label', 'shipping_partner_tag', 'shipping_partner_name']),
      ...pick(o, ['order_created_at', 'delivery_type', 'transactions']),
    })
  }
  return { ...(sellerName !== undefined && { sellerName }), skus: [...skus.values()], orders }
}

const SNAPSHOTS = { omnitron: snapshotOmnitron, hamgam: snapshotHamgam, aymakan: snapshotAymakan } as const

export async function takeSnapshot(options: SnapshotOptions): Promise<Snapshot> {
  const headers: Record<string, string> =
    options.provider === 'aymakan'
      ? { 'api-key': options.credential }
      : { Authorization: `Token ${options.credential}` }
  const warnings: string[] = []
  const section = await SNAPSHOTS[options.provider](new Reader(options, headers), options.orders, warnings)
  return { section: withoutSecrets(section, options.provider, warnings) as Json, warnings }
}

/** The scenario file's text: a comment saying where it came from, `extends: default`, the records. */
export function snapshotYaml(options: SnapshotOptions, snapshot: Snapshot, takenAt = new Date()): string {
  const origin = new URL(options.baseUrl).origin
  const header = [
    '# yaml-language-server: $schema=./scenario.schema.json',
    '#',
    `# Written by "order-contract-mock snapshot" from ${origin} at ${takenAt.toISOString()}.`,
    "# Credentials are not in this file: the mock keeps the default scenario's tokens and keys.",
    '# "order-contract-mock verify --scenario <this name>" compares these records one by one.',
  ].join('\n')
  const doc = {
    description: `Snapshot of ${options.provider} orders ${options.orders.join(', ')} from ${origin}.`,
    extends: 'default',
    // No generated orders: their ids could be the snapshot's own.
    providers: { [options.provider]: { ...snapshot.section, generate: { orders: 0 } } },
  }
  return `${header}\n${stringify(doc, { lineWidth: 0 })}`
}

/** Checks the file loads as a scenario beside the bundled ones and those of `dir`, as verify loads it. */
export function checkSnapshot(file: string, text: string, dir?: string): void {
  const stem = (n: string) => basename(n).replace(/\.(ya?ml|json)$/i, '')
  const name = stem(file)
  // The snapshot may be the folder's first scenario: an empty folder is fine here.
  const others =
    dir === undefined || !readdirSync(dir).some((n) => /\.(ya?ml|json)$/i.test(n) && !n.endsWith('.schema.json'))
      ? []
      : readScenarioDir(dir).filter((s) => stem(s.file) !== name)
  createEngine({ scenarioSources: [...others, { file, text }] })
}

const OPTIONS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'api-key': { type: 'string' },
  orders: { type: 'string' },
  out: { type: 'string' },
  scenarios: { type: 'string' },
  rate: { type: 'string' },
  'timeout-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export const SNAPSHOT_HELP = `Usage: order-contract-mock snapshot --provider NAME --base-url URL (--token T | --api-key K) --orders ID,ID --out FILE

Reads the orders (with their items and payments) through the provider's GET
endpoints and writes a scenario reproducing them (extends: default). Tokens,
api keys and passwords are never written.

  --provider NAME     omnitron, hamgam or aymakan
  --base-url URL      the provider, e.g. https://sandbox.example.com
  --token T           Omnitron and Hamgam                          [VERIFY_TOKEN]
  --api-key K         Aymakan                                      [VERIFY_API_KEY]
  --orders IDS        comma-separated order ids (Omnitron pk, Hamgam id, Aymakan order_id)
  --out FILE          the scenario file to write, e.g. scenarios/mine.yaml (its name: "mine")
  --scenarios DIR     your scenarios (beside the bundled ones) where verify will load it
  --rate N            requests per second                              default 2
  --timeout-ms N      deadline of each request                         default 10000

Then: order-contract-mock verify --scenarios DIR --scenario mine ...
Exit code: 0 written, 1 the provider could not be read, 2 usage error.
`

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
}

export async function snapshotMain(argv: readonly string[], io: Io = processIo): Promise<number> {
  const usage = (message: string) => {
    io.stderr(`order-contract-mock snapshot: ${message}\nRun "order-contract-mock snapshot --help" for the options.\n`)
    return 2
  }
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values']
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true }).values
  } catch (error) {
    return usage((error as Error).message)
  }
  if (values.help) {
    io.stdout(SNAPSHOT_HELP)
    return 0
  }
  const provider = values.provider as ProviderName | undefined
  if (!provider || !Object.hasOwn(SNAPSHOTS, provider)) return usage('--provider must be omnitron, hamgam or aymakan')
  const baseUrl = values['base-url']
  if (!baseUrl || !/^https?:\/\/[^/]/.test(baseUrl)) return usage('--base-url is required: http(s)://host[/prefix]')
  const credential =
    provider === 'aymakan' ? (values['api-key'] ?? io.env.VERIFY_API_KEY) : (values.token ?? io.env.VERIFY_TOKEN)
  if (!credential) return usage(`--${provider === 'aymakan' ? 'api-key' : 'token'} is required for ${provider}`)
  const orders = (values.orders ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (orders.length === 0) return usage('--orders is required: comma-separated order ids')
  if (provider !== 'aymakan' && orders.some((o) => !/^\d+$/.test(o)))
    return usage(`--orders: ${provider} order ids are whole numbers`)
  const out = values.out
  if (!out || !/\.ya?ml$/i.test(out)) return usage('--out is required: a .yaml file')
  const name = basename(out).replace(/\.ya?ml$/i, '')
  if (!SCENARIO_NAME.test(name))
    return usage(`--out: "${name}" is not a valid scenario name (letters, digits, ".", "_", "-")`)
  const rate = Number(values.rate ?? 2)
  const timeoutMs = Number(values['timeout-ms'] ?? 10_000)
  if (!(rate > 0) || !(timeoutMs > 0)) return usage('--rate and --timeout-ms must be numbers above 0')

  const options: SnapshotOptions = { provider, baseUrl, credential, orders, rate, timeoutMs }
  let text: string
  try {
    const snapshot = await takeSnapshot(options)
    for (const w of snapshot.warnings) io.stderr(`warning: ${w}\n`)
    text = snapshotYaml(options, snapshot)
    checkSnapshot(out, text, values.scenarios)
  } catch (error) {
    io.stderr(`order-contract-mock snapshot: ${(error as Error).message}\n`)
    return 1
  }
  writeFileSync(out, text)
  io.stdout(`Wrote ${out}: ${orders.length} ${provider} order(s); use it with --scenario ${name}.\n`)
  return 0
}
