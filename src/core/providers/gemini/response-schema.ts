// zod schemas for what Gemini sends: stream frames (whole GenerateContentResponse objects),
// error bodies, and the model listing. Unknown fields are tolerated; Google adds them often.
import { z } from 'zod';

/** One part of a candidate's content: text, a thought, or a function call. */
const geminiPartSchema = z.object({
  text: z.string().optional(),
  /** True for thought summaries (reasoning), which must not be shown as the answer. */
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  /** A whole function call; `id` is absent on most Gemini API models. */
  functionCall: z.object({ name: z.string(), args: z.record(z.string(), z.unknown()).nullish(), id: z.string().nullish() }).optional(),
});

/** One candidate answer; we only request one. */
const geminiCandidateSchema = z.object({
  content: z.object({ parts: z.array(geminiPartSchema).optional(), role: z.string().optional() }).optional(),
  finishReason: z.string().optional(),
  finishMessage: z.string().optional(),
  index: z.number().optional(),
});

/** Token counts; Google sends cumulative values on every frame. */
const geminiUsageSchema = z.object({
  promptTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
  toolUsePromptTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
});

/** One SSE frame of `streamGenerateContent?alt=sse`. */
export const geminiResponseSchema = z.object({
  candidates: z.array(geminiCandidateSchema).optional(),
  promptFeedback: z.object({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() }).optional(),
  usageMetadata: geminiUsageSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});

/** A parsed stream frame. */
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;
/** A parsed usageMetadata block. */
export type GeminiUsage = z.infer<typeof geminiUsageSchema>;

/** The google.rpc.Status error object. */
const geminiStatusSchema = z.object({
  code: z.number().optional(),
  message: z.string().optional(),
  status: z.string().optional(),
  details: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** An error body: `{error: Status}`, or `[{error: Status}]` as some endpoints wrap it. */
export const geminiErrorBodySchema = z.union([
  z.object({ error: geminiStatusSchema }),
  z.array(z.object({ error: geminiStatusSchema })).min(1),
]);

/** A parsed google.rpc.Status. */
export type GeminiStatus = z.infer<typeof geminiStatusSchema>;

/** One page of `GET /models`. */
export const geminiModelListSchema = z.object({
  models: z
    .array(
      z.object({
        name: z.string(),
        displayName: z.string().optional(),
        inputTokenLimit: z.number().optional(),
        outputTokenLimit: z.number().optional(),
        supportedGenerationMethods: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});
