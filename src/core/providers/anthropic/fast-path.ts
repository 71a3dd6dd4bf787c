// The one check that stands in for zod on Anthropic's common event, a text delta: nearly every
// event of an answer, where a full schema parse costs more than the rest of the loop. It checks
// exactly what anthropicStreamEventSchema checks for this shape; anything else (other events,
// other delta types, a field it does not vouch for) returns false and goes through zod.

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
