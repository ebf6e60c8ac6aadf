/** Small pieces of Python's behaviour that Django and DRF expose in their answers. */

/** Python's int(str): surrounding white space, a sign, digits with single underscores between them. */
export function pythonInt(text: string): number | undefined {
  const m = /^\s*([+-]?\d+(?:_\d+)*)\s*$/.exec(text)
  return m ? Number(m[1]!.replace(/_/g, '')) : undefined
}

/** type(value).__name__ of a parsed JSON value, as DRF's messages name it. */
export function pythonTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType'
  if (Array.isArray(v)) return 'list'
  switch (typeof v) {
    case 'string':
      return 'str'
    case 'boolean':
      return 'bool'
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float'
    default:
      return 'dict'
  }
}

/** str(value) of a parsed JSON value. */
export function pythonStr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}
