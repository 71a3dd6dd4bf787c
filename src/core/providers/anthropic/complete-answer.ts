// A complete Messages response returned to a streaming request, replayed as the events that
// would have streamed it: message_start, each block opened with its content, message_delta
// with the stop reason, message_stop. The mapper validates each event as usual.
import { z } from 'zod';
import type { SseEvent } from '../../http/sse';
import { jsonEvent } from '../complete-answer';

const messageSchema = z.looseObject({
  type: z.literal('message'),
  content: z.array(z.looseObject({ type: z.string(), input: z.unknown().optional() })),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: z.looseObject({ output_tokens: z.number().nullish() }).nullish(),
});

/** The events of a complete answer; a body in another shape (an error) passes as one event. */
export function anthropicCompleteAnswer(body: unknown): SseEvent[] {
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) return [jsonEvent(body)];
  const { content, stop_reason, stop_sequence, ...message } = parsed.data;
  const events: SseEvent[] = [jsonEvent({ type: 'message_start', message: { ...message, content: [] } }, 'message_start')];
  content.forEach((block, index) => {
    // A tool call streams its input as JSON text; a complete block carries it parsed.
    const streamedInput = block.type === 'tool_use' || block.type === 'server_tool_use';
    events.push(
      jsonEvent(
        { type: 'content_block_start', index, content_block: streamedInput ? { ...block, input: {} } : block },
        'content_block_start',
      ),
    );
    if (streamedInput)
      events.push(
        jsonEvent(
          { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input ?? {}) } },
          'content_block_delta',
        ),
      );
    events.push(jsonEvent({ type: 'content_block_stop', index }, 'content_block_stop'));
  });
  events.push(
    jsonEvent(
      { type: 'message_delta', delta: { stop_reason, stop_sequence }, usage: { output_tokens: message.usage?.output_tokens ?? 0 } },
      'message_delta',
    ),
  );
  events.push(jsonEvent({ type: 'message_stop' }, 'message_stop'));
  return events;
}
