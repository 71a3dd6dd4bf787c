// A non-streamed generateContent answer has the shape of one streamed frame (and a JSON array
// of frames is what streamGenerateContent returns without `alt=sse`): each is one event.
import type { SseEvent } from '../../http/sse';
import { jsonEvent } from '../complete-answer';

/** The events of a complete answer. */
export function geminiCompleteAnswer(body: unknown): SseEvent[] {
  return (Array.isArray(body) ? body : [body]).map((frame) => jsonEvent(frame));
}
