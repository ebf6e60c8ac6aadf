import type { Field } from './fields.js'

/**
 * rest_framework.metadata.SimpleMetadata: what OPTIONS says about a view
 * that allows POST or PUT (`actions`), field by field in the serializer's
 * order: type, required, read_only, label, then the constraints.
 */
export type SerializerInfo = Record<string, Record<string, unknown>>

/** A read-only serializer field (e.g. `id`, `created_at`): only its type and label are reported. */
export interface ReadOnlyField {
  readonly readOnly: true
  readonly type: string
  readonly label?: string
}

/** Django's default verbose_name, capitalised as DRF's label: `payment_method` → `Payment method`. */
export function defaultLabel(name: string): string {
  const words = name.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** SimpleMetadata.get_serializer_info */
export function serializerInfo(
  fields: ReadonlyArray<readonly [string, Field<unknown> | ReadOnlyField]>,
  labels: Record<string, string> = {},
): SerializerInfo {
  const out: SerializerInfo = {}
  for (const [name, f] of fields) {
    const label = labels[name] ?? ('readOnly' in f && f.label ? f.label : defaultLabel(name))
    if ('readOnly' in f) {
      Object.defineProperty(out, name, {
        value: { type: f.type, required: false, read_only: true, label },
        enumerable: true,
      })
      continue
    }
    const { type, choices, ...constraints } = f.info as Record<string, unknown>
    const info: Record<string, unknown> = { type, required: f.required, read_only: false, label }
    for (const key of ['min_length', 'max_length', 'min_value', 'max_value'])
      if (constraints[key] !== undefined) info[key] = constraints[key]
    if (choices !== undefined) info.choices = choices
    Object.defineProperty(out, name, { value: info, enumerable: true })
  }
  return out
}
