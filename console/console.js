// The console: plain DOM over the admin API (no build step). Every value from
// the mock is written with textContent, never parsed as HTML: request bodies
// are user data. Polls once a second.

const TOKEN_KEY = 'order-contract-mock.admin-token'
const ui = {
  token: localStorage.getItem(TOKEN_KEY) ?? '',
  /** The selected session: { scenario, session }. */
  session: null,
  tab: 'journal',
  /** Rule id → summary, from GET /__mock/rules. */
  rules: null,
  entryId: null,
  journal: [],
  journalKey: '',
}

const $ = (sel) => document.querySelector(sel)

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v)
    else node.setAttribute(k, v)
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c))
  return node
}

function message(text, isError = false) {
  const m = $('#message')
  m.textContent = text
  m.className = isError ? 'error' : ''
}

class AdminError extends Error {}

/** An admin call: the token when there is one, the selected session's control headers when asked. */
async function api(path, { method = 'GET', session = false } = {}) {
  const headers = {}
  if (ui.token) headers['X-Mock-Admin-Token'] = ui.token
  if (session && ui.session) {
    headers['X-Mock-Scenario'] = ui.session.scenario
    headers['X-Mock-Session'] = ui.session.session
  }
  const res = await fetch(`/__mock${path}`, { method, headers })
  const body = await res.json().catch(() => ({}))
  if (res.status === 401) {
    throw new AdminError('This mock was started with --admin-token: enter the token above.')
  }
  if (!res.ok) throw new AdminError(body.detail ?? `${method} /__mock${path} answered ${res.status}`)
  return body
}

const age = (s) =>
  s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m ${s % 60}s`
      : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`
const sameSession = (a, b) => a && b && a.scenario === b.scenario && a.session === b.session

// ------------------------------------------------------------------ sessions

async function refreshSessions() {
  const { sessions, max } = await api('/sessions')
  $('#sessions-count').textContent = `${sessions.length} of at most ${max}`
  const body = $('#sessions tbody')
  body.replaceChildren(
    ...sessions.map((s) =>
      el(
        'tr',
        {
          class: sameSession(s, ui.session) ? 'selected' : '',
          'data-session': s.session,
          onclick: () => selectSession({ scenario: s.scenario, session: s.session }),
        },
        el('td', {}, s.scenario),
        el('td', { class: 'mono' }, s.session),
        el('td', {}, age(s.ageSeconds)),
        el('td', {}, s.requests),
        el('td', {}, s.writes),
      ),
    ),
  )
  if (!ui.session && sessions.length > 0)
    selectSession({ scenario: sessions[0].scenario, session: sessions[0].session })
}

function selectSession(session) {
  if (sameSession(session, ui.session)) return
  ui.session = session
  ui.entryId = null
  ui.journalKey = ''
  $('#entry').hidden = true
  $('#current').textContent = `${session.scenario} / ${session.session}`
  $('#reset').disabled = false
  const url = new URL(location.href)
  url.searchParams.set('scenario', session.scenario)
  url.searchParams.set('session', session.session)
  history.replaceState(null, '', url)
  refresh()
}

async function resetSession() {
  if (!ui.session) return
  const r = await api('/reset', { method: 'POST', session: true })
  message(`Session ${r.session} of ${r.scenario} reset: the next request re-seeds it from the scenario.`)
  ui.journalKey = ''
  ui.entryId = null
  $('#entry').hidden = true
  await refresh()
}

// ------------------------------------------------------------------- journal

function filterQuery() {
  const q = new URLSearchParams()
  for (const [k, v] of new FormData($('#filters'))) if (v !== '') q.set(k, String(v))
  return q.toString()
}

async function refreshJournal() {
  const query = filterQuery()
  const { requests } = await api(`/requests${query ? `?${query}` : ''}`, { session: true })
  const key = `${query}|${requests.length}|${requests.at(-1)?.id ?? 0}`
  ui.journal = requests
  if (key === ui.journalKey) return
  ui.journalKey = key
  // Newest first: the request a test just made is on top.
  const rows = [...requests]
    .reverse()
    .map((e) =>
      el(
        'tr',
        { class: e.id === ui.entryId ? 'selected' : '', 'data-id': e.id, onclick: () => showEntry(e.id) },
        el('td', { class: 'mono' }, e.time.slice(11, 23)),
        el('td', {}, e.method),
        el('td', { class: 'mono' }, e.provider, ' ', e.path),
        el('td', { class: `status-${String(e.status)[0]}` }, e.status),
        el('td', {}, e.durationMs),
        el('td', { class: 'mono' }, e.rules.join(', ')),
        el('td', {}, e.fault ? `${e.fault.name} (${e.fault.kind})` : e.unmatched ? 'no route' : ''),
      ),
    )
  $('#journal tbody').replaceChildren(...rows)
}

const pretty = (text) => {
  if (text === null || text === '') return '(empty)'
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}
const headerTable = (headers) =>
  el(
    'table',
    {},
    el(
      'tbody',
      {},
      Object.entries(headers ?? {}).map(([k, v]) =>
        el('tr', {}, el('td', { class: 'mono' }, k), el('td', { class: 'mono' }, v)),
      ),
    ),
  )

async function showEntry(id) {
  const e = ui.journal.find((x) => x.id === id)
  if (!e) return
  ui.entryId = id
  ui.journalKey = ''
  ui.rules ??= await loadRules()
  const query = new URLSearchParams(
    Object.entries(e.query).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
  ).toString()
  const box = $('#entry')
  box.replaceChildren(
    el(
      'h3',
      {},
      `#${e.id} ${e.method} /${e.provider}${e.path}${query ? `?${query}` : ''} → ${e.status} in ${e.durationMs} ms`,
    ),
    el(
      'div',
      { class: 'pair' },
      el(
        'div',
        {},
        el('h3', {}, 'Request headers'),
        headerTable(e.headers),
        el('h3', {}, 'Request body'),
        el('pre', { class: 'request-body' }, pretty(e.body)),
      ),
      el(
        'div',
        {},
        el('h3', {}, 'Response headers'),
        headerTable(e.responseHeaders),
        el('h3', {}, 'Response body'),
        el('pre', { class: 'response-body' }, pretty(e.responseBody)),
      ),
    ),
    el('h3', {}, 'Rules fired'),
    e.rules.length === 0
      ? el('p', { class: 'muted' }, 'No business rule fired.')
      : el(
          'ul',
          { id: 'fired' },
          e.rules.map((r) =>
            el('li', {}, el('span', { class: 'rule-id' }, r), ' — ', ui.rules.get(r) ?? '(not in the catalogue)'),
          ),
        ),
    el('h3', {}, 'Fault'),
    el('p', { id: 'fault' }, e.fault ? `${e.fault.name}: ${e.fault.kind}, ${e.fault.when} the handler` : 'None.'),
    ...(e.unmatched
      ? [el('h3', {}, 'No route matched; closest'), el('p', { class: 'mono' }, (e.closestRoutes ?? []).join(', '))]
      : []),
    ...(e.writeSeq !== undefined ? [el('p', { class: 'muted' }, `Write #${e.writeSeq} of this session.`)] : []),
  )
  box.hidden = false
  refreshJournal()
}

// ------------------------------------------------------------ other tabs

async function loadRules() {
  const { rules } = await api('/rules')
  return new Map(rules.map((r) => [r.id, r.summary]))
}

async function renderState() {
  const { state } = await api('/state', { session: true })
  const box = $('#tab-state')
  box.replaceChildren(
    ...Object.entries(state).map(([provider, collections]) =>
      el(
        'div',
        {},
        el('h3', {}, provider),
        ...Object.entries(collections).map(([name, records]) =>
          el(
            'details',
            {},
            el('summary', {}, `${name} (${records.length})`),
            el(
              'pre',
              {},
              JSON.stringify(records.slice(0, 200), null, 2),
              records.length > 200 ? `\n… ${records.length - 200} more` : '',
            ),
          ),
        ),
      ),
    ),
  )
}

async function renderRules() {
  const { rules } = await api('/rules')
  $('#tab-rules').replaceChildren(
    el(
      'table',
      {},
      el(
        'thead',
        {},
        el('tr', {}, el('th', {}, 'Rule'), el('th', {}, 'Summary'), el('th', {}, 'Source'), el('th', {}, 'Operations')),
      ),
      el(
        'tbody',
        {},
        rules.map((r) =>
          el(
            'tr',
            {},
            el('td', { class: 'rule-id' }, r.id),
            el('td', {}, r.summary),
            el(
              'td',
              {},
              r.source.kind === 'doc'
                ? `documented: ${r.source.section ?? r.source.document}`
                : `assumption: ${r.source.basis}`,
            ),
            el('td', { class: 'mono' }, r.operations.join(', ')),
          ),
        ),
      ),
    ),
  )
}

async function renderScenarios() {
  const { default: fallback, scenarios } = await api('/scenarios')
  $('#tab-scenarios').replaceChildren(
    el('p', { class: 'muted' }, `Default scenario: ${fallback}. Select one per request with X-Mock-Scenario.`),
    el(
      'table',
      {},
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, 'Scenario'),
          el('th', {}, 'Description'),
          el('th', {}, 'Providers'),
          el('th', {}, 'Faults'),
        ),
      ),
      el(
        'tbody',
        {},
        scenarios.map((s) =>
          el(
            'tr',
            {},
            el('td', { class: 'mono' }, s.name, s.extends ? ` (extends ${s.extends})` : ''),
            el('td', {}, s.description ?? ''),
            el('td', {}, s.providers.join(', ')),
            el('td', {}, s.faults.join(', ')),
          ),
        ),
      ),
    ),
  )
}

async function refreshClock() {
  if (!ui.session) return
  const c = await api('/clock', { session: true })
  $('#clock').textContent = `${c.now} (${c.mode})`
  if (ui.tab === 'clock') {
    $('#tab-clock').replaceChildren(
      el('p', {}, 'Now in this session: ', el('code', {}, c.now)),
      el(
        'p',
        {},
        `Mode: ${c.mode}${c.offsetMs !== undefined ? `, offset ${c.offsetMs} ms` : ''}. Freeze or shift it with PUT /__mock/clock; X-Mock-Now overrides it per request.`,
      ),
    )
  }
}

function showTab(tab) {
  ui.tab = tab
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === tab)
  for (const t of document.querySelectorAll('.tab')) t.hidden = t.id !== `tab-${tab}`
  refresh()
}

// ----------------------------------------------------------------- polling

let busy = false
async function refresh() {
  if (busy) return
  busy = true
  try {
    await refreshSessions()
    if (ui.session) {
      await refreshClock()
      if (ui.tab === 'journal') await refreshJournal()
      else if (ui.tab === 'state') await renderState()
    }
    if (ui.tab === 'rules') await renderRules()
    if (ui.tab === 'scenarios') await renderScenarios()
    if ($('#message').className === 'error') message('')
  } catch (error) {
    message(error instanceof AdminError ? error.message : `The mock did not answer: ${error.message}`, true)
  } finally {
    busy = false
  }
}

async function start() {
  const params = new URLSearchParams(location.search)
  if (params.get('session')) {
    ui.session = null
    selectSession({ scenario: params.get('scenario') ?? 'default', session: params.get('session') })
  }
  $('#token').value = ui.token
  $('#token-form').addEventListener('submit', (ev) => {
    ev.preventDefault()
    ui.token = $('#token').value
    localStorage.setItem(TOKEN_KEY, ui.token)
    message('')
    refresh()
  })
  $('#reset').addEventListener('click', () => resetSession().catch((e) => message(e.message, true)))
  for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab))
  $('#filters').addEventListener('input', () => {
    ui.journalKey = ''
    refresh()
  })
  try {
    const health = await fetch('/__mock/health').then((r) => r.json())
    const providers = $('#filters select[name=provider]')
    for (const p of health.providers) providers.append(new Option(p, p))
  } catch {
    /* the filters still work without the provider list */
  }
  await refresh()
  // State is polled only while its tab is open; the journal every second.
  setInterval(() => {
    if (ui.tab !== 'state') refresh()
  }, 1000)
}

start()
