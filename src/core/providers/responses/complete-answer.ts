// A `response` object returned as one JSON body (to a streaming request, or where a host does
// not stream), read as the events of the stream it amounts to, so one mapper reads both.
import type { SseEvent } from '../../http/sse';
import { jsonEvent } from '../complete-answer';
import { responseObjectSchema } from './event-schema';

const TERMINAL: Readonly<Record<string, string>> = { incomplete: 'response.incomplete', failed: 'response.failed' };

/** The events of a complete answer; a body in another shape (an error object) passes as an `error` event. */
export function responsesCompleteAnswer(body: unknown): SseEvent[] {
  const parsed = responseObjectSchema.safeParse(body);
  if (!parsed.success || !parsed.data.output) {
    const err = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : body;
    return [jsonEvent({ ...(typeof err === 'object' && err !== null ? err : { message: String(err) }), type: 'error' })];
  }
  const r = parsed.data;
  const out: SseEvent[] = [jsonEvent({ type: 'response.created', response: { ...r, output: [] } })];
  r.output?.forEach((item, output_index) => {
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const c of item.content as { type?: string; text?: string; refusal?: string }[]) {
        const delta = c.type === 'output_text' ? c.text : c.type === 'refusal' ? c.refusal : undefined;
        if (delta)
          out.push(
            jsonEvent({ type: c.type === 'refusal' ? 'response.refusal.delta' : 'response.output_text.delta', output_index, delta }),
          );
      }
    }
    out.push(jsonEvent({ type: 'response.output_item.done', output_index, item }));
  });
  out.push(jsonEvent({ type: TERMINAL[r.status ?? ''] ?? 'response.completed', response: r }));
  return out;
}
