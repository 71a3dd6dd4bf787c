// The one check that stands in for zod on Anthropic's common event, a text delta: nearly every
// event of an answer, where a full schema parse costs more than the rest of the loop. It checks
// exactly what anthropicStreamEventSchema checks for this shape; anything else (other events,
// other delta types, a field it does not vouch for) returns false and goes through zod.

import { JSON_ESCAPED } from '../text-template';

/** True for `{type: 'content_block_delta', index: <int>, delta: {type: 'text_delta', text: <string>}}`. */
export function isPlainTextDelta(raw: unknown): boolean {
  const e = raw as Record<string, unknown>;
  if (e.type !== 'content_block_delta' || !Number.isSafeInteger(e.index)) return false;
  const d = e.delta as Record<string, unknown> | null | undefined;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return false;
  // The schema also types these when present; a text delta never carries them.
  return (
    d.type === 'text_delta' &&
    typeof d.text === 'string' &&
    d.thinking === undefined &&
    d.partial_json === undefined &&
    d.signature === undefined
  );
}

const HEAD = '{"type":"content_block_delta","index":';
const MIDDLE = ',"delta":{"type":"text_delta","text":"';
const TAIL = '"}}';

/**
 * The text of a plain text delta in the exact bytes Anthropic writes, read without JSON.parse:
 * `{"type":"content_block_delta","index":<digits>,"delta":{"type":"text_delta","text":"<text>"}}`
 * where the text has nothing JSON escapes, so the characters between the quotes are the text.
 * Such a line parses to what isPlainTextDelta accepts; any other line (spacing, key order, an
 * escape, another field) gives undefined and goes through JSON.parse and the checks as before.
 */
export function plainTextDeltaText(data: string): string | undefined {
  if (!data.startsWith(HEAD) || !data.endsWith(TAIL)) return undefined;
  // index: a safe non-negative integer without a leading zero (anything else goes the long way).
  let i = HEAD.length;
  const digits = i;
  while (i < data.length && data.charCodeAt(i) >= 48 && data.charCodeAt(i) <= 57) i++;
  const n = i - digits;
  if (n === 0 || n > 15 || (n > 1 && data.charCodeAt(digits) === 48)) return undefined;
  if (!data.startsWith(MIDDLE, i)) return undefined;
  const start = i + MIDDLE.length;
  const end = data.length - TAIL.length;
  if (end < start) return undefined;
  const text = data.slice(start, end);
  return JSON_ESCAPED.test(text) ? undefined : text;
}
