// Most chunks of an answer are the same bytes around a different piece of text. Once one such
// chunk has been parsed and checked in full, later ones with the same bytes around their text
// can be read by comparing those bytes, without JSON.parse: the text is what lies between.

/** A character JSON writes escaped. Text holding none of them is its own JSON string body. */
export const JSON_ESCAPED = /["\\\u0000-\u001f]/;

/**
 * `s.startsWith(x, at)` for the fast paths: V8's startsWith and endsWith cost 2-3x a slice and a
 * string compare on these lines (about 0.1 µs a line each), and they run on every token.
 */
export function hasAt(s: string, x: string, at: number): boolean {
  return at >= 0 && s.slice(at, at + x.length) === x;
}

// Private-use characters, which JSON.stringify writes as they are; they mark where the text was.
const MARK = '\uE000\uF8FF\uE000';

/** The bytes of one plain text chunk around its text, learned from a checked chunk. */
export class TextTemplate {
  private head: string | undefined;
  private tail = '';
  private tries = 0;

  /**
   * Learns `data` as the template when it is exactly `JSON.stringify(parsed)` (compact, no
   * duplicate keys, numbers as JSON writes them). `withMark(m)` is `parsed` with its text set to
   * `m`. A stream whose chunks never match (a per-chunk random field) stops trying after a few.
   */
  learn(data: string, parsed: unknown, withMark: (mark: string) => unknown): void {
    if (this.head !== undefined || this.tries >= 3) return;
    this.tries++;
    if (JSON.stringify(parsed) !== data) return;
    const parts = JSON.stringify(withMark(MARK)).split(MARK);
    if (parts.length !== 2) return;
    this.head = parts[0];
    this.tail = parts[1];
  }

  /**
   * The text of `data` when it is the template's bytes around a text JSON writes unescaped;
   * such a line parses to the learned chunk with only that text changed. Otherwise undefined.
   */
  read(data: string): string | undefined {
    const head = this.head;
    const end = data.length - this.tail.length;
    if (head === undefined || end < head.length) return undefined;
    if (!hasAt(data, head, 0) || !hasAt(data, this.tail, end)) return undefined;
    const text = data.slice(head.length, end);
    return JSON_ESCAPED.test(text) ? undefined : text;
  }
}
