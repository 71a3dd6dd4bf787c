// Markdown tables for the status-bar tooltips. The hover renders tables without cell padding,
// so "Cost" ran into "Requests"; each cell after the first starts with a gap of two no-break
// spaces (written as entities, which the table parser does not trim), and the words of a cell
// are joined by no-break spaces so a narrow hover does not fold "TTFT p50" onto two lines.

const GAP = '&nbsp;&nbsp;';

/** Column alignment, as in the delimiter row. */
type Align = 'left' | 'right';

/** A table with a header row and spaced columns; cells are escaped here. */
export function markdownTable(header: readonly string[], align: readonly Align[], rows: readonly (readonly string[])[]): string[] {
  const cell = (c: string) => escapeCell(c).trim().replace(/ +/g, '&nbsp;');
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? cell(c) : `${GAP}${cell(c)}`)).join(' | ')} |`;
  const delimiter = `|${align.map((a) => (a === 'right' ? '--:' : ':--')).join('|')}|`;
  return [line(header), delimiter, ...rows.map(line)];
}

/** Escapes characters that would break a markdown table cell or inject markup. */
export function escapeCell(s: string): string {
  return s.replace(/[\\|*_`[\]<>#]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

/** At most `max` characters, cut at a word boundary and marked with an ellipsis when shortened. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).replace(/[\s.,;:]+$/, '')}…`;
}
