// Number formats of the dashboard and compare views.

/** USD with enough digits for small LLM charges. */
export function usd(v: number | undefined): string {
  if (v === undefined) return '–';
  if (v === 0) return '$0.00';
  if (Math.abs(v) < 0.01) return `$${v.toPrecision(2)}`;
  if (Math.abs(v) >= 1000) return `$${Math.round(v).toLocaleString('en-US')}`;
  return `$${v.toFixed(2)}`;
}

/** Price per million tokens. */
export function perM(v: number | undefined): string {
  if (v === undefined) return '–';
  return v >= 1 ? `$${v.toFixed(2)}` : `$${v.toPrecision(2)}`;
}

/** 12345 → 12.3k. */
export function tokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

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
