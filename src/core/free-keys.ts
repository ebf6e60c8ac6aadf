/**
 * Keys for generated records: counting up from `start`, skipping every key a
 * scenario's own records already use (a snapshot of real records may well
 * hold an id in the generated range; two records of one key would fail the
 * session's seed).
 */
export function freeKeys(start: number, used: Iterable<number>): () => number {
  const taken = new Set(used)
  let next = start
  // Keys only count up, so a key handed out is never asked about again (not added: 100,000 generated keys grow no set).
  return () => {
    while (taken.has(next)) next++
    return next++
  }
}
