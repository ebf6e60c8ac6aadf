/**
 * The console and the docs page in a real browser: Debian's Chromium driven by
 * playwright-core (no browser download, ever). Requests are made, the console
 * shows them in the journal, one is opened with the rule that fired, the
 * session is reset; the docs page renders a document from the package alone.
 * Skipped when /usr/bin/chromium is missing — except under CI=true, where that
 * is a failure (.ci/run installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/node/index.js'

const CHROMIUM = '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
const inCi = process.env.CI === 'true'
const TOKEN = 'console-test-token'
const SESSION = 'browser-session-1'
const ITEM = '/omnitron/api/v1/order_items/7105/'
/** `npm run screenshots` keeps them in docs/images; a plain run writes them to a temporary folder. */
const shots = process.env.SCREENSHOTS === '1' ? new URL('../../docs/images/', import.meta.url).pathname : undefined

if (!available && !inCi) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`)

describe.skipIf(!available && !inCi)(`the console and docs page in Chromium (${CHROMIUM})`, () => {
  let server: RunningServer
  let context: BrowserContext
  let page: Page
  let profile: string
  const outside: string[] = []

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs it with apt-get`)
    server = await startServer({ port: 0, adminToken: TOKEN })
    profile = mkdtempSync(join(tmpdir(), 'ocm-chromium-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    page = context.pages()[0] ?? (await context.newPage())
    // Offline by construction: every request the pages make stays on the mock.
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url())
    })
  }, 90_000)

  afterAll(async () => {
    await context?.close()
    await server?.close()
    if (profile) rmSync(profile, { recursive: true, force: true })
  })

  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { 'X-Mock-Session': SESSION, ...(init.headers as Record<string, string>) },
    })

  it('shows the requests in the journal, opens one with the rule that fired, and resets the session', async () => {
    const unauthenticated = await send(ITEM)
    expect(unauthenticated.status).toBe(401)
    const patched = await send(ITEM, {
      method: 'PATCH',
      headers: { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ tracking_number: 'TR-BROWSER' }),
    })
    expect(patched.status).toBe(200)
    const fired = patched.headers.get('x-mock-rules')!.split(', ')
    expect(fired).toContain('omnitron.item.invoice-or-tracking.promotes-approved')

    await page.goto(`${server.url}/__mock/ui?scenario=default&session=${SESSION}`)
    // The page is public; its data is not: it asks for the token.
    await expect.poll(() => page.textContent('#message')).toMatch(/--admin-token/)
    await page.fill('#token', TOKEN)
    await page.click('#token-form button')

    const rows = page.locator('#journal tbody tr')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
    await expect.poll(() => page.locator(`#sessions tr[data-session="${SESSION}"]`).textContent()).toContain('2')
    const newest = rows.first()
    expect(await newest.textContent()).toContain('PATCH')
    expect(await rows.nth(1).textContent()).toContain('401')

    // A live update: a request made while the page is open shows up without a reload.
    await send('/omnitron/api/v1/orders/12345/', { headers: { Authorization: 'Token omnitron-test-token' } })
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3)

    // The filters are the API's: only 4xx.
    await page.fill('#filters input[name=status]', '4xx')
    await expect.poll(() => rows.count()).toBe(1)
    await page.fill('#filters input[name=status]', '')
    await expect.poll(() => rows.count()).toBe(3)
    await page.selectOption('#filters select[name=method]', 'PATCH')
    // Wait for the PATCH row itself: the 4xx list also had one row (the 401), so a count alone can pass too early.
    await expect
      .poll(async () => (await rows.count()) === 1 && /PATCH/.test((await rows.first().textContent()) ?? ''))
      .toBe(true)

    await rows.first().click()
    const entry = page.locator('#entry')
    await expect.poll(() => entry.isVisible()).toBe(true)
    expect(await entry.locator('.request-body').textContent()).toContain('TR-BROWSER')
    expect(await entry.locator('.response-body').textContent()).toContain('"tracking_number": "TR-BROWSER"')
    const firedList = await entry.locator('#fired').textContent()
    for (const id of fired) expect(firedList).toContain(id)
    // With its summary from GET /__mock/rules.
    const rules = await (await fetch(`${server.url}/__mock/rules`, { headers: { 'X-Mock-Admin-Token': TOKEN } })).json()
    const summary = rules.rules.find((r: { id: string }) => r.id === fired[0]).summary as string
    expect(firedList).toContain(summary)
    expect(await entry.textContent()).toContain('x-mock-rules')
    await page.selectOption('#filters select[name=method]', '')
    await expect.poll(() => rows.count()).toBe(3)
    expect(await entry.isVisible()).toBe(true)
    if (shots) {
      mkdirSync(shots, { recursive: true })
      await page.screenshot({ path: join(shots, 'console.png'), fullPage: true })
    }

    await page.click('#reset')
    await expect.poll(() => page.textContent('#message')).toMatch(/reset/)
    // The session was dropped: re-seeded, its journal empty and the write gone.
    await expect.poll(() => rows.count()).toBe(0)
    const item = await (await send(ITEM, { headers: { Authorization: 'Token omnitron-test-token' } })).json()
    expect(item.tracking_number).not.toBe('TR-BROWSER')
    expect(outside).toEqual([])
  }, 60_000)

  it('the docs page renders each provider’s document with Swagger UI from the package, offline', async () => {
    await page.goto(`${server.url}/__mock/docs?provider=omnitron`)
    const operations = page.locator('.swagger-ui .opblock')
    await expect.poll(() => operations.count(), { timeout: 20_000 }).toBeGreaterThan(10)
    expect(await page.textContent('.swagger-ui .info')).toContain('Omnitron (Akinon)')
    expect(await page.textContent('.swagger-ui')).toContain('/api/v1/order_items/{pk}/')
    // An operation opened: its documented example and where each part comes from.
    await page.locator('.opblock-summary', { hasText: 'Update Order Item' }).first().click()
    await expect.poll(() => page.locator('.opblock.is-open').count()).toBe(1)
    expect(await page.textContent('.opblock.is-open')).toContain('x-mock-source')
    if (shots) {
      await page.setViewportSize({ width: 1400, height: 1700 })
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(shots, 'docs.png') })
      await page.setViewportSize({ width: 1400, height: 900 })
    }
    await page.selectOption('#provider', 'aymakan')
    await expect.poll(() => page.textContent('.swagger-ui .info'), { timeout: 20_000 }).toContain('Aymakan')
    expect(outside).toEqual([])
  }, 60_000)
})
