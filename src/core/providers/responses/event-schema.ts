// zod schemas of the Responses API stream events this family reads. Unknown event types are
// skipped (the API adds them often: web search, code interpreter, annotations…).
// @see https://platform.openai.com/docs/api-reference/responses-streaming
import { z } from 'zod';

const num = z.number().nullish();

const responsesUsageSchema = z.looseObject({
  input_tokens: num,
  input_tokens_details: z.looseObject({ cached_tokens: num }).nullish(),
  output_tokens: num,
  output_tokens_details: z.looseObject({ reasoning_tokens: num }).nullish(),
  /** OpenRouter's own price for the request. */
  cost: num,
});
export type ResponsesUsage = z.infer<typeof responsesUsageSchema>;

const errorFields = z.looseObject({ code: z.string().nullish(), message: z.string().nullish(), type: z.string().nullish() });

/** The `response` object of created / completed / incomplete / failed events. */
export const responseObjectSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  status: z.string().nullish(),
  usage: responsesUsageSchema.nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  error: errorFields.nullish(),
  output: z.array(z.looseObject({ type: z.string() })).nullish(),
});
export type ResponseObject = z.infer<typeof responseObjectSchema>;

/** An output item; only the fields this family reads are checked. */
const outputItemSchema = z.looseObject({
  type: z.string(),
  id: z.string().nullish(),
  call_id: z.string().nullish(),
  name: z.string().nullish(),
  arguments: z.string().nullish(),
  summary: z.array(z.looseObject({ text: z.string().nullish() })).nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() })).nullish(),
  encrypted_content: z.string().nullish(),
});
export type OutputItem = z.infer<typeof outputItemSchema>;

const delta = z.looseObject({ output_index: z.number().nullish(), item_id: z.string().nullish(), delta: z.string() });

export const responsesEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.enum(['response.created', 'response.in_progress', 'response.queued']), response: responseObjectSchema }),
  z.looseObject({ type: z.enum(['response.completed', 'response.incomplete', 'response.failed']), response: responseObjectSchema }),
  z.looseObject({
    type: z.enum(['response.output_item.added', 'response.output_item.done']),
    output_index: z.number().nullish(),
    item: outputItemSchema,
  }),
  delta.extend({
    type: z.enum([
      'response.output_text.delta',
      'response.refusal.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_text.delta',
      'response.function_call_arguments.delta',
    ]),
  }),
  z.looseObject({
    type: z.literal('response.function_call_arguments.done'),
    output_index: z.number().nullish(),
    item_id: z.string().nullish(),
    arguments: z.string(),
  }),
  errorFields.extend({ type: z.literal('error') }),
]);

/** Event types the schema knows; anything else is skipped unread. */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(
  responsesEventSchema.options.flatMap((o) => {
    const t = o.shape.type;
    return 'options' in t ? [...t.options] : [t.value];
  }),
);
