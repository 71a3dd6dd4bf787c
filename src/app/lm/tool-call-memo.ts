// What a tool call carried that VS Code's LanguageModelToolCallPart cannot: Gemini's
// thoughtSignature on the call, a made-up id that must not go back on the wire, and reasoning
// blocks that came before the call. The next request of the loop sends the call back, and the
// providers reject (or lose the chain of thought) without them, so they are kept here by call id.
import type { ReasoningPart, ToolCallPart } from '../../core/types';

/** Restored onto a call when the caller sends it back. */
export interface CallExtras {
  signature?: string;
  syntheticId?: boolean;
  /** Reasoning that preceded this call in the answer (kept on the first call of a turn only). */
  reasoning?: ReasoningPart[];
}

/**
 * Enough for many concurrent agent loops, while the reasoning kept with calls (often a few KB each)
 * stays bounded; the oldest calls go first. A loop only sends back its latest turns' calls.
 */
const DEFAULT_CAPACITY = 500;

export class ToolCallMemo {
  private readonly byId = new Map<string, CallExtras>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Remembers what the call carries beyond id, name and input; calls with nothing extra take no room. */
  remember(call: ToolCallPart, reasoning: readonly ReasoningPart[] = []): void {
    const extras: CallExtras = {};
    if (call.signature !== undefined) extras.signature = call.signature;
    if (call.syntheticId) extras.syntheticId = true;
    if (reasoning.length) extras.reasoning = [...reasoning];
    if (Object.keys(extras).length === 0) return;
    this.byId.delete(call.id);
    this.byId.set(call.id, extras);
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
  }

  extrasOf(id: string): CallExtras | undefined {
    return this.byId.get(id);
  }
}
