// Period keys as the dashboard's axis labels. Money and tokens come from src/shared/format.

/** A period key as a short axis label: 2026-11-25 → 25 Nov, 2026-W48 → W48, 2026-11 → Nov. */
export function shortKey(key: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m) return `${Number(m[3])} ${months[Number(m[2]) - 1]}`;
  m = /^\d{4}-(W\d{2})$/.exec(key);
  if (m) return m[1];
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${months[Number(m[2]) - 1]} ${m[1].slice(2)}`;
  return key;
}
