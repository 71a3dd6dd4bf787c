// Continuing an answer that broke mid-stream: what the front end says about it, the one
// instruction and message list resent, and which hosts the continuation stays away from.
import type { Endpoint } from '../catalog/types';
import type { ChatMessage } from '../types';

/** A host that failed while an answer was written: one endpoint, or every endpoint of a provider when the model id is unknown. */
export interface FailedHost {
  provider: string;
  modelId?: string;
}

/** An answer cut off mid-stream, as the front end that showed it knows it. */
export interface BrokenAnswer {
  /** The text written before it broke; the next host continues from it. */
  text: string;
  /** The hosts that failed in its turn, the one it broke on first. */
  failed: readonly FailedHost[];
}

/** The instruction appended when a partial answer is resent to another endpoint. */
export const CONTINUE_INSTRUCTION =
  'Your previous answer was cut off by a connection failure. Continue it exactly where it stopped, without repeating anything already written and without commenting on the interruption.';

/** The conversation as resent to continue a broken answer: the partial answer, then the instruction. */
export function continuationMessages(history: readonly ChatMessage[], partialText: string): ChatMessage[] {
  return [...history, { role: 'assistant', content: partialText }, { role: 'user', content: CONTINUE_INSTRUCTION }];
}

/** Whether a continuation skips `endpoint`, given the hosts that failed. */
export function failedOn(failed: readonly FailedHost[]): (endpoint: Pick<Endpoint, 'provider' | 'modelId'>) => boolean {
  return (e) => failed.some((f) => f.provider === e.provider && (f.modelId === undefined || f.modelId === e.modelId));
}
