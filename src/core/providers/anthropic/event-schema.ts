// zod schemas for every Anthropic stream event. Objects are loose: Anthropic's versioning policy
// allows new fields at any time, and a new field must never break a user's chat.
import { z } from 'zod';
import { anthropicErrorBodySchema } from './error-body';

const count = z.number().int().nonnegative().nullish();

/** Token counts as they appear in message_start (full) and message_delta (cumulative, partial). */
const anthropicUsageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count,
  cache_read_input_tokens: count,
  // Newer API versions break out thinking tokens (already included in output_tokens).
  output_tokens_details: z.looseObject({ thinking_tokens: count }).nullish(),
});

/** The usage record after parsing. */
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

const messageStart = z.looseObject({
  type: z.literal('message_start'),
  message: z.looseObject({
    id: z.string().optional(),
    model: z.string().optional(),
    usage: anthropicUsageSchema.optional(),
  }),
});

// text, thinking, redacted_thinking, tool_use, server_tool_use, web_search_tool_result, …
const contentBlockStart = z.looseObject({
  type: z.literal('content_block_start'),
  index: z.number().int(),
  content_block: z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    thinking: z.string().optional(),
    signature: z.string().optional(),
    // tool_use
    id: z.string().optional(),
    name: z.string().optional(),
    // redacted_thinking
    data: z.string().optional(),
  }),
});

const contentBlockDelta = z.looseObject({
  type: z.literal('content_block_delta'),
  index: z.number().int(),
  // text_delta, thinking_delta, signature_delta, input_json_delta, citations_delta, …
  delta: z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    thinking: z.string().optional(),
    partial_json: z.string().optional(),
    signature: z.string().optional(),
  }),
});

const contentBlockStop = z.looseObject({ type: z.literal('content_block_stop'), index: z.number().int() });

const messageDelta = z.looseObject({
  type: z.literal('message_delta'),
  delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }),
  usage: anthropicUsageSchema.nullish(),
});

const messageStop = z.looseObject({ type: z.literal('message_stop') });
const ping = z.looseObject({ type: z.literal('ping') });
const streamError = anthropicErrorBodySchema.extend({ type: z.literal('error') });

/** Any stream event this adapter understands. */
export const anthropicStreamEventSchema = z.discriminatedUnion('type', [
  messageStart,
  contentBlockStart,
  contentBlockDelta,
  contentBlockStop,
  messageDelta,
  messageStop,
  ping,
  streamError,
]);

/** Event types the schema knows; anything else is a newer event and is skipped, not failed. */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);

/** A validated stream event. */
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
