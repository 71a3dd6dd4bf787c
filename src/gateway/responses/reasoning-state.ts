// Reasoning state carried by the client instead of a server store. Responses clients that send
// `store: false` ask for `reasoning.encrypted_content` and send it back on the next turn; the
// gateway keeps nothing, so it puts there what the serving host needs to verify its own reasoning
// (Anthropic signatures, redacted thinking, Gemini thought signatures, OpenRouter details).
// The content is opaque to the client, not secret: it holds only what the host itself sent.
import { z } from 'zod';

const PREFIX = 'sb1.';

const part = z.object({
  type: z.literal('reasoning'),
  text: z.string(),
  signature: z.string().optional(),
  redactedData: z.string().optional(),
  details: z.array(z.unknown()).optional(),
  family: z.enum(['openai', 'anthropic', 'gemini', 'responses']).optional(),
});

const state = z.object({
  parts: z.array(part),
  /**
   * Per call id: Gemini's thought signature sits on the call, and its call ids may be made up;
   * Responses' function_call item can carry neither.
   */
  calls: z.record(z.string(), z.object({ signature: z.string().optional(), syntheticId: z.boolean().optional() })).optional(),
});

/** What one reasoning item carries between turns. */
export type ReasoningState = z.output<typeof state>;

/** The `encrypted_content` string for a reasoning item. */
export function encodeReasoningState(s: ReasoningState): string {
  return PREFIX + Buffer.from(JSON.stringify(s), 'utf8').toString('base64url');
}

/** The state in an `encrypted_content` string, or undefined when another server made it (or it is damaged). */
export function decodeReasoningState(text: string): ReasoningState | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const r = state.safeParse(JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
