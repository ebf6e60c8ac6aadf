import type { CaseTag, ProviderName, RecordSet } from './cases/types.js'
import type { Difference } from './compare.js'

/** A drift check's results and how they are shown: the terminal, Markdown, JUnit XML. */

export interface CaseResult {
  caseId: string
  title: string
  tag: CaseTag
  /** The records the case named, as sent to the real provider. */
  records: RecordSet
  method: string
  path: string
  outcome: 'equal' | 'drift' | 'error'
  /** Values were compared, not only shapes (both sides read the same snapshot records). */
  comparedValues: boolean
  differences: Difference[]
  /** Why the case could not be compared (a timeout, a refused connection). */
  error?: string
  ms: number
}

export interface VerifyReport {
  provider: ProviderName
  baseUrl: string
  scenario: string
  allowWrites: boolean
  startedAt: string
  results: CaseResult[]
  /** Cases not run, and why (writes without --allow-writes). */
  skipped: { caseId: string; reason: string }[]
}

const recordsText = (r: RecordSet) =>
  Object.keys(r).length
    ? ` [${Object.entries(r)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}]`
    : ''

const label = (r: CaseResult) => `${r.caseId}${recordsText(r.records)}`

const differenceLine = (d: Difference) => `${d.kind} at ${d.path}: real ${d.real}, mock ${d.mock}`

export function summary(report: VerifyReport) {
  const count = (o: CaseResult['outcome']) => report.results.filter((r) => r.outcome === o).length
  return { equal: count('equal'), drift: count('drift'), error: count('error'), skipped: report.skipped.length }
}

/** One line per case, the differences under each drifting one, and a total. */
export function renderTerminal(report: VerifyReport): string {
  const lines = [
    `Drift check: ${report.provider} at ${report.baseUrl} against the mock's scenario "${report.scenario}"`,
  ]
  for (const r of report.results) {
    const mark = r.outcome === 'equal' ? 'ok   ' : r.outcome === 'drift' ? 'DRIFT' : 'ERROR'
    lines.push(`  ${mark} ${label(r)}  ${r.method} ${r.path}`)
    if (r.error) lines.push(`          ${r.error}`)
    for (const d of r.differences) lines.push(`          ${differenceLine(d)}`)
  }
  for (const s of report.skipped) lines.push(`  skip  ${s.caseId}  (${s.reason})`)
  const s = summary(report)
  lines.push(
    s.drift + s.error === 0
      ? `No drift: ${s.equal} cases answered alike${s.skipped ? `, ${s.skipped} skipped` : ''}.`
      : `Drift: ${s.drift} of ${report.results.length} cases differ${s.error ? `, ${s.error} could not be compared` : ''}${s.skipped ? `, ${s.skipped} skipped` : ''}.`,
  )
  return `${lines.join('\n')}\n`
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function renderMarkdown(report: VerifyReport): string {
  const s = summary(report)
  const out = [
    `# Drift check: ${report.provider}`,
    '',
    `Real provider: ${report.baseUrl} · mock scenario: \`${report.scenario}\` · started ${report.startedAt}` +
      ` · writes: ${report.allowWrites ? 'yes' : 'no'}`,
    '',
    `**${s.drift + s.error === 0 ? 'No drift' : 'Drift'}**: ${s.equal} equal, ${s.drift} differ, ${s.error} not compared, ${s.skipped} skipped.`,
    '',
    '| Case | Records | Request | Result |',
    '| --- | --- | --- | --- |',
  ]
  for (const r of report.results)
    out.push(
      `| ${md(r.caseId)} | ${md(recordsText(r.records).trim() || '—')} | \`${md(`${r.method} ${r.path}`)}\` | ${r.outcome === 'equal' ? 'equal' : r.outcome === 'drift' ? `**drift** (${r.differences.length})` : '**error**'} |`,
    )
  for (const sk of report.skipped) out.push(`| ${md(sk.caseId)} | — | — | skipped: ${md(sk.reason)} |`)
  const failing = report.results.filter((r) => r.outcome !== 'equal')
  if (failing.length > 0) {
    out.push('', '## Differences')
    for (const r of failing) {
      out.push('', `### ${md(label(r))}`, '', `${r.title} — \`${md(`${r.method} ${r.path}`)}\``, '')
      if (r.error) out.push(`- could not compare: ${md(r.error)}`)
      else {
        out.push('| Kind | Where | Real provider | Mock |', '| --- | --- | --- | --- |')
        for (const d of r.differences)
          out.push(`| ${d.kind} | \`${md(d.path)}\` | \`${md(d.real)}\` | \`${md(d.mock)}\` |`)
      }
    }
  }
  return `${out.join('\n')}\n`
}

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 does not allow
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

/** One test suite per provider, one test case per case run; a drift is a failure, an uncompared case an error. */
export function renderJunit(report: VerifyReport): string {
  const s = summary(report)
  const seconds = (ms: number) => (ms / 1000).toFixed(3)
  const total = report.results.reduce((t, r) => t + r.ms, 0)
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="order-contract-mock verify" tests="${report.results.length + s.skipped}" failures="${s.drift}" errors="${s.error}" skipped="${s.skipped}" time="${seconds(total)}">`,
    `  <testsuite name="${xml(`drift.${report.provider}`)}" tests="${report.results.length + s.skipped}" failures="${s.drift}" errors="${s.error}" skipped="${s.skipped}" time="${seconds(total)}" timestamp="${xml(report.startedAt)}">`,
  ]
  for (const r of report.results) {
    const open = `    <testcase classname="${xml(`drift.${report.provider}`)}" name="${xml(label(r))}" time="${seconds(r.ms)}"`
    if (r.outcome === 'equal') out.push(`${open}/>`)
    else if (r.outcome === 'error')
      out.push(`${open}>`, `      <error message="${xml(r.error ?? 'error')}"/>`, '    </testcase>')
    else
      out.push(
        `${open}>`,
        `      <failure message="${xml(`${r.differences.length} difference(s) from the real provider`)}">${xml(r.differences.map(differenceLine).join('\n'))}</failure>`,
        '    </testcase>',
      )
  }
  for (const sk of report.skipped)
    out.push(
      `    <testcase classname="${xml(`drift.${report.provider}`)}" name="${xml(sk.caseId)}">`,
      `      <skipped message="${xml(sk.reason)}"/>`,
      '    </testcase>',
    )
  out.push('  </testsuite>', '</testsuites>')
  return `${out.join('\n')}\n`
}
