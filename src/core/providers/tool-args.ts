// Turns a finished tool call's argument text into a typed event: parsed, or invalid with the raw text.
import type { StreamEvent } from '../types';

const BLANK = /^\s*$/;

/**
 * The event for a complete call. Empty arguments mean "no arguments" (`{}`); anything that is not
 * a JSON object arrives as `tool-call-invalid` with the raw text, never as a thrown error.
 */
export function finishedToolCall(
  id: string,
  name: string,
  rawArgs: string,
  extra: { signature?: string; syntheticId?: boolean } = {},
): StreamEvent {
  if (BLANK.test(rawArgs)) return { type: 'tool-call', call: { type: 'tool-call', id, name, args: {}, ...extra } };
  let args: unknown;
  try {
    args = JSON.parse(rawArgs);
  } catch (e) {
    return { type: 'tool-call-invalid', id, name, rawArgs, reason: `The arguments are not valid JSON (${(e as Error).message}).` };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { type: 'tool-call-invalid', id, name, rawArgs, reason: 'The arguments are not a JSON object.' };
  }
  return { type: 'tool-call', call: { type: 'tool-call', id, name, args, ...extra } };
}
