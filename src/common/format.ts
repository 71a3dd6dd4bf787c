// The one way money, prices, tokens and speeds are written, in every view: the status bar, the
// chat footer, budget messages, the dashboard, the picker, compare and tooltips. Pure, no imports,
// so the core, the editor layer and the webviews can all use it.

/** Below this a non-zero amount is written "<$0.000001" rather than rounded to a free-looking $0. */
const SMALLEST_USD = 0.000001;
const MAX_DECIMALS = 6;

/** Decimals that show `v` (0 < v < 1) with two significant digits. */
function decimalsForTwoDigits(v: number): number {
  return Math.min(MAX_DECIMALS, Math.max(2, 1 - Math.floor(Math.log10(v))));
}

/** Fixed decimals, trailing zeros trimmed down to cents. */
function trimmed(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  if (decimals <= 2) return s;
  const [int, frac] = s.split('.');
  return `${int}.${frac.replace(/0+$/, '').padEnd(2, '0')}`;
}

function signed(v: number, body: (abs: number) => string): string {
  return v < 0 ? `-${body(-v)}` : body(v);
}

/**
 * A USD amount: cents from one cent up ("$0.50", "$12.30"), whole dollars with separators from
 * $1,000, and two significant digits below a cent so a small request never looks free
 * ("$0.0004", "$0.000012"). Never exponent notation.
 */
export function formatUsd(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '$0.00';
  return signed(v, (a) => {
    if (a >= 1000) return `$${Math.round(a).toLocaleString('en-US')}`;
    if (a >= 0.01) return `$${a.toFixed(2)}`;
    if (a < SMALLEST_USD) return `<$${SMALLEST_USD.toFixed(MAX_DECIMALS)}`;
    return `$${trimmed(a, decimalsForTwoDigits(a))}`;
  });
}

/**
 * A formatter for a column of USD amounts (a table): every cell gets the decimals that the
 * smallest non-zero amount needs, so the column reads at one precision ("$0.020000",
 * "$0.000330", "$0.000075"), and amounts at or above a cent stay in cents when all are.
 */
export function usdColumn(values: readonly number[]): (v: number) => string {
  const small = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const least = small.length ? Math.min(...small) : 1;
  if (least >= 0.01) return formatUsd;
  const decimals = least < SMALLEST_USD ? MAX_DECIMALS : decimalsForTwoDigits(least);
  return (v) => {
    if (!Number.isFinite(v)) return '–';
    if (v === 0) return '$0.00';
    if (Math.abs(v) >= 1000) return formatUsd(v);
    if (Math.abs(v) < SMALLEST_USD) return formatUsd(v);
    return signed(v, (a) => `$${a.toFixed(decimals)}`);
  };
}

/**
 * A price per million tokens: cents from $1 ("$2.50", "$15.00"), at least cents and two
 * significant digits below ("$0.30", "$0.075"), "free" at zero.
 */
export function formatPerMillion(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return 'free';
  if (v >= 1) return `$${v.toFixed(2)}`;
  return `$${trimmed(v, decimalsForTwoDigits(v))}`;
}

/** Input and output price per million tokens: "$3.00 / $15.00", "free" or "price unknown". */
export function formatPricePair(inPerMTok?: number, outPerMTok?: number): string {
  if (inPerMTok === undefined || outPerMTok === undefined) return 'price unknown';
  if (inPerMTok === 0 && outPerMTok === 0) return 'free';
  const p = (v: number) => (v === 0 ? '$0.00' : formatPerMillion(v));
  return `${p(inPerMTok)} / ${p(outPerMTok)}`;
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A token count in full, with separators: 12345 → "12,345". */
export function formatTokens(n: number): string {
  return whole.format(n);
}

/** A token count as a magnitude, where space is short: 950 → "950", 12345 → "12.3k", 2.5e6 → "2.5M". */
export function formatTokensShort(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return whole.format(n);
  if (a < 10_000) return `${+(n / 1000).toFixed(1)}k`;
  if (a < 999_500) return `${Math.round(n / 1000)}k`;
  return `${+(n / 1_000_000).toFixed(1)}M`;
}

/** A context window: 128000 → "128k ctx", 1048576 → "1M ctx"; nothing when unknown. */
export function formatContext(tokens?: number): string {
  if (!tokens) return '';
  return `${formatTokensShort(tokens)} ctx`;
}

/** Milliseconds as "320 ms" or "1.4 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Output speed: "42.5 tok/s", whole numbers from 100. */
export function formatTokensPerSecond(tps: number | undefined): string {
  if (tps === undefined || !Number.isFinite(tps)) return '– tok/s';
  return `${tps >= 100 ? tps.toFixed(0) : tps.toFixed(1)} tok/s`;
}
