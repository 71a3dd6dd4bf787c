// Inline SVG charts: no chart library, nothing that needs eval or inline styles, so they run under
// the strict CSP. Colours come from CSS classes mapped to VS Code's chart colours.

const NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes. */
function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: (SVGElement | null)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.appendChild(c);
  return el;
}

/** A tooltip for an SVG shape (shown on hover, read by screen readers). */
function title(text: string): SVGTitleElement {
  const t = svg('title');
  t.textContent = text;
  return t;
}

/** One bar of a bar chart: `value` split into a solid part and an estimated (hatched) part. */
interface BarPoint {
  label: string;
  value: number;
  estimated: number;
  tooltip: string;
}

/** One labelled gridline of a money axis. */
interface AxisTick {
  value: number;
  label: string;
}

/**
 * Gridlines from $0 to at least `max`, at most five intervals of 1, 2 or 5 times a power of ten,
 * each labelled at the step's precision, so even ticks read evenly ($0, $0.005, $0.010 …).
 */
export function axisTicks(max: number): AxisTick[] {
  if (!(max > 0)) return ticksOf(0.25, 4);
  const exp = Math.pow(10, Math.floor(Math.log10(max / 5)));
  for (const m of [1, 2, 5, 10, 20, 50]) {
    const step = m * exp;
    const n = Math.ceil(max / step - 1e-9);
    if (n <= 5) return ticksOf(step, n);
  }
  return ticksOf(100 * exp, Math.ceil(max / (100 * exp)));
}

function ticksOf(step: number, n: number): AxisTick[] {
  const decimals = step >= 1 ? 0 : Math.max(2, Math.ceil(-Math.log10(step) - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => {
    const value = Number((i * step).toPrecision(12));
    const label = value === 0 ? '$0' : decimals === 0 ? `$${Math.round(value).toLocaleString('en-US')}` : `$${value.toFixed(decimals)}`;
    return { value, label };
  });
}

/** A responsive bar chart of USD amounts with labelled y gridlines. */
export function barChart(points: readonly BarPoint[], label: string): SVGSVGElement {
  const W = 720;
  const H = 220;
  const left = 64;
  const bottom = 24;
  const top = 8;
  const ticks = axisTicks(Math.max(0, ...points.map((p) => p.value)));
  const max = ticks[ticks.length - 1].value;
  const plotH = H - top - bottom;
  const slot = (W - left - 8) / Math.max(1, points.length);
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label, preserveAspectRatio: 'none' });
  for (const tick of ticks) {
    const y = top + plotH - (tick.value / max) * plotH;
    root.append(svg('line', { x1: left, x2: W - 4, y1: y, y2: y, class: 'grid' }));
    const t = svg('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' });
    t.textContent = tick.label;
    root.append(t);
  }
  const labelEvery = Math.ceil(points.length / 10);
  points.forEach((p, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const solid = Math.max(0, p.value - p.estimated);
    const hSolid = (solid / max) * plotH;
    const hEst = (Math.min(p.estimated, p.value) / max) * plotH;
    const base = top + plotH;
    const g = svg('g', { class: 'bar' }, title(p.tooltip));
    // A zero day still gets a hairline so the reader sees the day exists.
    g.append(
      svg('rect', {
        x,
        y: base - Math.max(hSolid, p.value === 0 ? 1 : 0),
        width: barW,
        height: Math.max(hSolid, p.value === 0 ? 1 : 0),
        class: p.value === 0 ? 'bar-zero' : 'bar-solid',
      }),
    );
    if (hEst > 0) g.append(svg('rect', { x, y: base - hSolid - hEst, width: barW, height: hEst, class: 'bar-estimated' }));
    root.append(g);
    if (i % labelEvery === 0 || i === points.length - 1) {
      const t = svg('text', { x: x + barW / 2, y: H - 6, class: 'axis', 'text-anchor': 'middle' });
      t.textContent = p.label;
      root.append(t);
    }
  });
  return root;
}

/** A horizontal progress bar with a tick at the warning fraction. */
export function progressBar(ratio: number, warnAt: number, state: 'ok' | 'warn' | 'over', label: string): SVGSVGElement {
  const W = 300;
  const H = 10;
  const filled = Math.max(0, Math.min(1, ratio)) * W;
  return svg(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      class: 'progress',
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': Math.round(ratio * 100),
      preserveAspectRatio: 'none',
    },
    svg('rect', { x: 0, y: 0, width: W, height: H, rx: 2, class: 'progress-track' }),
    svg('rect', { x: 0, y: 0, width: filled, height: H, rx: 2, class: `progress-fill state-${state}` }),
    svg('line', { x1: warnAt * W, x2: warnAt * W, y1: 0, y2: H, class: 'progress-warn' }),
  );
}

/** A small inline bar showing a share (0..1) in a table row. */
export function shareBar(share: number): SVGSVGElement {
  const W = 80;
  return svg(
    'svg',
    { viewBox: `0 0 ${W} 6`, class: 'share', 'aria-hidden': 'true', preserveAspectRatio: 'none' },
    svg('rect', { x: 0, y: 0, width: Math.max(0, Math.min(1, share)) * W, height: 6, rx: 1, class: 'share-fill' }),
  );
}
