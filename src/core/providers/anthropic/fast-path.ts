// The one check that stands in for zod on Anthropic's common event, a text delta: nearly every
// event of an answer, where a full schema parse costs more than the rest of the loop. It checks
// exactly what anthropicStreamEventSchema checks for this shape; anything else (other events,
// other delta types, a field it does not vouch for) returns false and goes through zod.

import { isObj, optString } from '../shape-checks';
import { hasAt, JSON_ESCAPED } from '../text-template';
import type { AnthropicStreamEvent } from './event-schema';

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
  const end = data.length - TAIL.length;
  if (end < HEAD.length || !hasAt(data, HEAD, 0) || !hasAt(data, TAIL, end)) return undefined;
  // index: a safe non-negative integer without a leading zero (anything else goes the long way).
  let i = HEAD.length;
  const digits = i;
  while (i < data.length && data.charCodeAt(i) >= 48 && data.charCodeAt(i) <= 57) i++;
  const n = i - digits;
  if (n === 0 || n > 15 || (n > 1 && data.charCodeAt(digits) === 48)) return undefined;
  if (!hasAt(data, MIDDLE, i)) return undefined;
  const start = i + MIDDLE.length;
  if (end < start) return undefined;
  const text = data.slice(start, end);
  return JSON_ESCAPED.test(text) ? undefined : text;
}

// The other events of a plain answer (message_start, ping, content_block_start/stop,
// message_delta, message_stop) are a handful per stream, but zod runs on them cold, between a
// stream's network reads: measured at 0.1-0.15 ms a stream, 5% of a 1,000-token answer's CPU.
// These checks accept a subset of what anthropicStreamEventSchema accepts and return the object
// itself, equal to what zod's parse returns; anything else (an error event, a field of another
// type) goes through zod and its error messages.

type Obj = Record<string, unknown>;

const nullishString = (v: unknown) => v == null || typeof v === 'string';
const count = (v: unknown) => v == null || (Number.isSafeInteger(v) && (v as number) >= 0);

function usageOk(u: unknown): boolean {
  if (!isObj(u)) return false;
  const d = u.output_tokens_details;
  return (
    count(u.input_tokens) &&
    count(u.output_tokens) &&
    count(u.cache_creation_input_tokens) &&
    count(u.cache_read_input_tokens) &&
    (d == null || (isObj(d) && count(d.thinking_tokens)))
  );
}

function blockOk(b: unknown): boolean {
  return (
    isObj(b) &&
    typeof b.type === 'string' &&
    optString(b.text) &&
    optString(b.thinking) &&
    optString(b.signature) &&
    optString(b.id) &&
    optString(b.name) &&
    optString(b.data)
  );
}

/** `raw` as a validated event when it is one of a plain answer's framing events in a form zod accepts as it is. */
export function checkedFramingEvent(raw: Obj): AnthropicStreamEvent | undefined {
  let ok: boolean;
  switch (raw.type) {
    case 'ping':
    case 'message_stop':
      ok = true;
      break;
    case 'content_block_stop':
      ok = Number.isSafeInteger(raw.index);
      break;
    case 'content_block_start':
      ok = Number.isSafeInteger(raw.index) && blockOk(raw.content_block);
      break;
    case 'message_delta': {
      const d = raw.delta;
      ok = isObj(d) && nullishString(d.stop_reason) && nullishString(d.stop_sequence) && (raw.usage == null || usageOk(raw.usage));
      break;
    }
    case 'message_start': {
      const m = raw.message;
      ok = isObj(m) && optString(m.id) && optString(m.model) && (m.usage === undefined || usageOk(m.usage));
      break;
    }
    default:
      ok = false;
  }
  return ok ? (raw as AnthropicStreamEvent) : undefined;
}
