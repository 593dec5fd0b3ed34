// The running sums a scatter step's description writes ("…, the cells hold sums: intermediate[0][2]:
// x[0][1]·w[0][0][0] + … = 2 + 2 = 4; … (and more)."), as the tests read them back.

/** Each written sum of desc: {written (its text), cell ([channel, ...position] of its name)}. */
export function writtenSums(desc) {
  const lead = 'the cells hold sums: ';
  const at = desc.indexOf(lead);
  if (at < 0) return [];
  return desc
    .slice(at + lead.length)
    .replace(/( \(and more\))?\.$/, '')
    .split('; ')
    .map((written) => ({
      written,
      cell: [...written.slice(0, written.indexOf(':')).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])),
    }));
}
