// A `chat.completion` object returned to a streaming request, read as the one chunk it amounts
// to: each choice's `message` becomes its `delta`. The mapper then validates it like any chunk.
import { z } from 'zod';
import type { SseEvent } from '../../http/sse';
import { jsonEvent } from '../complete-answer';

const completionSchema = z.looseObject({
  choices: z.array(
    z.looseObject({
      message: z.looseObject({ tool_calls: z.array(z.looseObject({})).nullish() }),
      finish_reason: z.string().nullish(),
    }),
  ),
});

/** The events of a complete answer; a body in another shape (an error object) passes as one chunk. */
export function openAICompleteAnswer(body: unknown): SseEvent[] {
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) return [jsonEvent(body), { id: undefined, event: undefined, data: '[DONE]' }];
  const { choices, ...rest } = parsed.data;
  const chunk = {
    ...rest,
    object: 'chat.completion.chunk',
    choices: choices.map(({ message, ...choice }) => ({
      ...choice,
      // Streamed tool calls carry their position; a complete message's list implies it.
      delta: message.tool_calls ? { ...message, tool_calls: message.tool_calls.map((t, index) => ({ index, ...t })) } : message,
    })),
  };
  return [jsonEvent(chunk), { id: undefined, event: undefined, data: '[DONE]' }];
}
