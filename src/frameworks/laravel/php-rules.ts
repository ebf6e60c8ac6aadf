import { isPhpArray, phpString, phpType } from './php.js'

/**
 * PHP's own checks behind Laravel's rules, each matched to PHP 8.2 on the
 * edge cases (is_numeric, filter_var, strtotime/date_parse/checkdate).
 */

/** is_numeric(): leading and trailing whitespace allowed (PHP 8), no hex, no INF text. */
const NUMERIC = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/

export function isNumeric(v: unknown): boolean {
  const t = phpType(v)
  return t === 'int' || t === 'float' || (typeof v === 'string' && NUMERIC.test(v))
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/**
 * filter_var($v, FILTER_VALIDATE_INT) !== false: the value as a string
 * (true → "1", 1.0 → "1"), trimmed of " \t\r\v\n", an optional sign, no
 * leading zero ("007" fails), within PHP_INT_MIN..PHP_INT_MAX.
 */
export function isInteger(v: unknown): boolean {
  // A safe integer's string is its digits, well inside PHP_INT_MIN..PHP_INT_MAX (-0 is "0").
  if (typeof v === 'number' && Number.isSafeInteger(v)) return true
  if (isPhpArray(v) || v === null || v === undefined) return false
  const s = phpString(v).replace(/^[ \t\r\v\n]+|[ \t\r\v\n]+$/g, '')
  if (!/^[+-]?(0|[1-9]\d*)$/.test(s)) return false
  // Up to 18 digits (and a sign) is below 10^18 < 2^63: only a longer one needs the exact comparison.
  if (s.length <= 18) return true
  const n = BigInt(s)
  return n >= INT64_MIN && n <= INT64_MAX
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
}
const MONTH =
  '(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const DAY_NAME = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?'
const SECONDS = '(?:[:.](?:[0-5]?\\d|60)(?:[.,]\\d+)?)?'
const TIME = `(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]?\\d${SECONDS})?\\s*[ap]\\.?m\\.?|(?:[01]?\\d|2[0-4])[:.][0-5]?\\d${SECONDS}|midnight|noon|today|now)`
/** After a `T`, ISO 8601 also writes `T10`, `T1000` and `T100000`. */
const ISO_TIME = '(?:[01]\\d|2[0-4])(?:[0-5]\\d(?:[0-5]\\d)?)?'
/** Time zone abbreviations timelib knows (the common part of its table), military letters, offsets, tz ids. */
const ABBREVIATIONS =
  'utc|gmt|ut|z|est|edt|cst|cdt|mst|mdt|pst|pdt|akst|akdt|hst|hdt|ast|adt|nst|ndt|cet|cest|met|mest|eet|eest|wet|west|bst|ist|msk|msd|jst|kst|hkt|sgt|pht|wib|aest|aedt|acst|acdt|awst|nzst|nzdt|sast|wat|cat|eat|art|brt|clt|pkt|npt|sst|chst'
const ZONE = `(?:${ABBREVIATIONS}|[a-z]|(?:gmt|utc)?[+-](?:[01]?\\d|2[0-3])(?::?[0-5]\\d)?|[a-z]+(?:/[a-z0-9_+-]+)+)`
const REST = new RegExp(`^(?:(?:t|\\s+)${TIME}|t${ISO_TIME})?(?:\\s*(?:${ZONE})(?![a-z]))?\\s*$`, 'i')
/** Date forms of strtotime (a practical subset of timelib's), each with the fields date_parse reports. */
const DATES: RegExp[] = [
  /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})/,
  /^(?<y>\d{4})\/(?<m>\d{1,2})\/(?<d>\d{1,2})/,
  /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})(?=t|\s|$)/i,
  /^(?<y>\d{2})-(?<m>\d{2})-(?<d>\d{2})/,
  /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{1,4})/,
  /^(?<d>\d{1,2})[.-](?<m>\d{1,2})[.-](?<y>\d{4})/,
  /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{2})(?!\d)/,
  /^(?<y>\d{4})-(?<m>\d{2})$/,
  new RegExp(`^(?<y>\\d{4})-${MONTH}-(?<d>\\d{1,2})`, 'i'),
  new RegExp(`^${DAY_NAME}(?<d>\\d{1,2})(?:st|nd|rd|th)?[ .\\t-]*${MONTH}[ .\\t-]*(?<y>\\d{4}|\\d{2}(?!\\d))`, 'i'),
  new RegExp(`^${DAY_NAME}${MONTH}[ .\\t-]*(?<d>\\d{1,2})(?:st|nd|rd|th)?(?:[,.\\s]+|-)(?<y>\\d{4})`, 'i'),
  new RegExp(`^${MONTH}\\s+(?<y>\\d{4})$`, 'i'),
  new RegExp(`^(?<d>\\d{1,2})/${MONTH}/(?<y>\\d{4}):(?=\\d)`, 'i'),
]

/** checkdate() */
function checkdate(m: number, d: number, y: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 32767) return false
  return (
    d <=
    new Date(Date.UTC(2000, m, 0)).getUTCDate() -
      (m === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0)
  )
}

/**
 * Laravel's `date` rule: a string or number that strtotime() reads, whose
 * date_parse() year/month/day pass checkdate(). So `2023-02-30`, bare
 * numbers and relative words ("tomorrow": no date fields) fail;
 * `28.07.2023`, `20230728`, `July 28, 2023`, `@1690534800` pass. strtotime's
 * grammar is large: this reads its common forms (ISO 8601 with time and zone,
 * US, European, compact, month names, RFC 2822, CLF, ISO weeks, `@ts`);
 * what it does not know it refuses.
 */
export function isDate(v: unknown): boolean {
  if (typeof v !== 'string' && !isNumeric(v)) return false
  const s = phpString(v).trim()
  if (/^@-?\d+(\.\d+)?$/.test(s)) return true
  if (/^\d{4}-?w(0[1-9]|[1-4]\d|5[0-3])(-?[1-7])?$/i.test(s)) return true
  for (const form of DATES) {
    const m = form.exec(s)
    if (!m?.groups) continue
    const rest = s.slice(m[0].length)
    if (!REST.test(m[0].endsWith(':') ? ` ${rest}` : rest)) continue // CLF: `…/2000:13:55:36`
    const g = m.groups
    let y = Number(g.y)
    if (g.y!.length < 4 && y < 100) y += y < 70 ? 2000 : 1900 // timelib's TIMELIB_PROCESS_YEAR
    const month = g.mon ? MONTHS[g.mon.toLowerCase()]! : Number(g.m)
    return checkdate(month, g.d === undefined ? 1 : Number(g.d), y)
  }
  return false
}

/** RFC 5322 atext, plus any non-ASCII character (egulias' lexer reads those as GENERIC). */
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uffff]"
const LOCAL = new RegExp(`^(?:${ATEXT}+(?:\\.${ATEXT}+)*|"(?:[^"\\\\\\r\\n]|\\\\[\\s\\S])*")$`)
/** A domain label: GENERIC characters and inner hyphens (egulias refuses `_` and the other specials). */
const LABEL = /^[A-Za-z0-9\u0080-\uffff](?:[A-Za-z0-9\u0080-\uffff-]*[A-Za-z0-9\u0080-\uffff])?$/
const LITERAL = /^\[(?:\d{1,3}(?:\.\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\]$/
const utf8Length = (s: string) => new TextEncoder().encode(s).length

/**
 * Laravel's `email` rule (egulias/email-validator's RFCValidation, errors
 * only; warnings such as a local part over 64 octets or a domain without a
 * dot pass): a dot-atom or quoted local part (comments in a dot-atom dropped), `@`, then dot-separated labels
 * (each at most 63 octets, no leading or trailing hyphen, no `_`; at most
 * 253 octets in all) or an address literal. Folding white space and
 * comments in the domain are not read (refused).
 */
export function isEmail(v: string): boolean {
  const at = v.lastIndexOf('@')
  if (at <= 0) return false
  // Comments are CFWS, which RFCValidation only warns about (even a local part of comments only).
  const uncomment = (part: string) => (part.startsWith('"') ? part : part.replace(/\((?:[^()\\]|\\.)*\)/g, ''))
  const local = uncomment(v.slice(0, at))
  const domain = uncomment(v.slice(at + 1))
  if (local !== '' && !LOCAL.test(local)) return false
  if (LITERAL.test(domain)) return true
  if (domain === '' || utf8Length(domain) > 253) return false
  return domain.split('.').every((label) => LABEL.test(label) && utf8Length(label) <= 63)
}

/** Str::isUrl's scheme list (Laravel 11). */
const PROTOCOLS =
  'aaa|aaas|about|acap|acct|acd|acr|adiumxtra|adt|afp|afs|aim|amss|android|appdata|apt|ark|attachment|aw|barion|beshare|bitcoin|bitcoincash|blob|bolo|browserext|calculator|callto|cap|cast|casts|chrome|chrome-extension|cid|coap|coap+tcp|coap+ws|coaps|coaps+tcp|coaps+ws|com-eventbrite-attendee|content|conti|crid|cvs|dab|data|dav|diaspora|dict|did|dis|dlna-playcontainer|dlna-playsingle|dns|dntp|dpp|drm|drop|dtn|dvb|ed2k|elsi|example|facetime|fax|feed|feedready|file|filesystem|finger|first-run-pen-experience|fish|fm|ftp|fuchsia-pkg|geo|gg|git|gizmoproject|go|gopher|graph|gtalk|h323|ham|hcap|hcp|http|https|hxxp|hxxps|hydrazone|iax|icap|icon|im|imap|info|iotdisco|ipn|ipp|ipps|irc|irc6|ircs|iris|iris.beep|iris.lwz|iris.xpc|iris.xpcs|isostore|itms|jabber|jar|jms|keyparc|lastfm|ldap|ldaps|leaptofrogans|lorawan|lvlt|magnet|mailserver|mailto|maps|market|message|mid|mms|modem|mongodb|moz|ms-access|ms-browser-extension|ms-calculator|ms-drive-to|ms-enrollment|ms-excel|ms-eyecontrolspeech|ms-gamebarservices|ms-gamingoverlay|ms-getoffice|ms-help|ms-infopath|ms-inputapp|ms-lockscreencomponent-config|ms-media-stream-id|ms-mixedrealitycapture|ms-mobileplans|ms-officeapp|ms-people|ms-project|ms-powerpoint|ms-publisher|ms-restoretabcompanion|ms-screenclip|ms-screensketch|ms-search|ms-search-repair|ms-secondary-screen-controller|ms-secondary-screen-setup|ms-settings|ms-settings-airplanemode|ms-settings-bluetooth|ms-settings-camera|ms-settings-cellular|ms-settings-cloudstorage|ms-settings-connectabledevices|ms-settings-displays-topology|ms-settings-emailandaccounts|ms-settings-language|ms-settings-location|ms-settings-lock|ms-settings-nfctransactions|ms-settings-notifications|ms-settings-power|ms-settings-privacy|ms-settings-proximity|ms-settings-screenrotation|ms-settings-wifi|ms-settings-workplace|ms-spd|ms-sttoverlay|ms-transit-to|ms-useractivityset|ms-virtualtouchpad|ms-visio|ms-walk-to|ms-whiteboard|ms-whiteboard-cmd|ms-word|msnim|msrp|msrps|mss|mtqp|mumble|mupdate|mvn|news|nfs|ni|nih|nntp|notes|ocf|oid|onenote|onenote-cmd|opaquelocktoken|openpgp4fpr|pack|palm|paparazzi|payto|pkcs11|platform|pop|pres|prospero|proxy|pwid|psyc|pttp|qb|query|redis|rediss|reload|res|resource|rmi|rsync|rtmfp|rtmp|rtsp|rtsps|rtspu|s3|secondlife|service|session|sftp|sgn|shttp|sieve|simpleledger|sip|sips|skype|smb|sms|smtp|snews|snmp|soap.beep|soap.beeps|soldat|spiffe|spotify|ssh|steam|stun|stuns|submit|svn|tag|teamspeak|tel|teliaeid|telnet|tftp|tg|things|thismessage|tip|tn3270|tool|ts3server|turn|turns|tv|udp|unreal|urn|ut2004|v-event|vemmi|ventrilo|videotex|vnc|view-source|wais|webcal|wpid|ws|wss|wtai|wyciwyg|xcon|xcon-userid|xfire|xmlrpc.beep|xmlrpc.beeps|xmpp|xri|ymsgr|z39.50|z39.50r|z39.50s'
/**
 * Str::isUrl's pattern (derived from Symfony's UrlValidator), translated from
 * PCRE (`~^…$~ixu`; `$` also before a final newline).
 */
const URL_PATTERN = new RegExp(
  `^(?:${PROTOCOLS})` +
    String.raw`://(((?:[_\.\p{L}\p{N}-]|%[0-9A-Fa-f]{2})+:)?((?:[_\.\p{L}\p{N}-]|%[0-9A-Fa-f]{2})+)@)?(([\p{L}\p{N}\p{S}\-_\.])+(\.?([\p{L}\p{N}]|xn--[\p{L}\p{N}-]+)+\.?)|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[(?:(?:(?:(?:(?:(?:(?:[0-9a-f]{1,4})):){6})(?:(?:(?:(?:(?:[0-9a-f]{1,4})):(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9]))\.){3}(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9])))))))|(?:(?:::(?:(?:(?:[0-9a-f]{1,4})):){5})(?:(?:(?:(?:(?:[0-9a-f]{1,4})):(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9]))\.){3}(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9])))))))|(?:(?:(?:(?:(?:[0-9a-f]{1,4})))?::(?:(?:(?:[0-9a-f]{1,4})):){4})(?:(?:(?:(?:(?:[0-9a-f]{1,4})):(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9]))\.){3}(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9])))))))|(?:(?:(?:(?:(?:(?:[0-9a-f]{1,4})):){0,1}(?:(?:[0-9a-f]{1,4})))?::(?:(?:(?:[0-9a-f]{1,4})):){3})(?:(?:(?:(?:(?:[0-9a-f]{1,4})):(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9]))\.){3}(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9])))))))|(?:(?:(?:(?:(?:(?:[0-9a-f]{1,4})):){0,2}(?:(?:[0-9a-f]{1,4})))?::(?:(?:(?:[0-9a-f]{1,4})):){2})(?:(?:(?:(?:(?:[0-9a-f]{1,4})):(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9]))\.){3}(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9])))))))|(?:(?:(?:(?:(?:(?:[0-9a-f]{1,4})):){0,3}(?:(?:[0-9a-f]{1,4})))?::(?:(?:[0-9a-f]{1,4})):)(?:(?:(?:(?:(?:[0-9a-f]{1,4})):(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9]))\.){3}(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9])))))))|(?:(?:(?:(?:(?:(?:[0-9a-f]{1,4})):){0,4}(?:(?:[0-9a-f]{1,4})))?::)(?:(?:(?:(?:(?:[0-9a-f]{1,4})):(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9]))\.){3}(?:(?:25[0-5]|(?:[1-9]|1[0-9]|2[0-4])?[0-9])))))))|(?:(?:(?:(?:(?:(?:[0-9a-f]{1,4})):){0,5}(?:(?:[0-9a-f]{1,4})))?::)(?:(?:[0-9a-f]{1,4})))|(?:(?:(?:(?:(?:(?:[0-9a-f]{1,4})):){0,6}(?:(?:[0-9a-f]{1,4})))?::))))\])(:[0-9]+)?(?:/(?:[\p{L}\p{N}\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*(?:\?(?:[\p{L}\p{N}\-._~!$&'\[\]()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?(?:#(?:[\p{L}\p{N}\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?` +
    '\\n?$',
  'iu',
)
/**
 * The pattern backtracks quadratically on long strings that fail (PCRE gives
 * up at pcre.backtrack_limit and answers "no"): longer ones are refused.
 */
const URL_MAX = 2048

/** Laravel's `url` rule: any scheme of Laravel's list, not only http(s). */
export const isUrl = (v: string) => v.length <= URL_MAX && URL_PATTERN.test(v)
