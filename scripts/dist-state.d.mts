/** Why dist/ must be rebuilt, or null when it is up to date. */
export function staleReason(): string | null
/** Rebuilds dist/ from empty (scripts/build.mjs: generate, declarations, bundle). */
export function rebuild(): void
