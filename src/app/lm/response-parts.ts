// The engine's stream → the parts VS Code's language-model API reports: text, and each complete
// tool call with its parsed input. Pure, so the editor side only constructs the API's classes.
import type { ReasoningPart } from '../../core/types';
import type { RouterEvent } from '../../core/router/types';
import type { ToolCallMemo } from './tool-call-memo';

/** A part to report, before it becomes a LanguageModelTextPart or LanguageModelToolCallPart. */
export type LmOutPart = { kind: 'text'; text: string } | { kind: 'tool-call'; callId: string; name: string; input: object };

/** A tool call whose arguments could not be read; reported as a failure once the stream ends. */
interface InvalidCall {
  name: string;
  reason: string;
}

/**
 * Reads one answer's events. Reasoning blocks are held until the turn's first tool call, so the
 * next request of the loop can send them back before it (see ToolCallMemo).
 */
export class ResponseReader {
  private reasoning: ReasoningPart[] = [];
  private calls = 0;
  readonly invalidCalls: InvalidCall[] = [];

  constructor(private readonly memo: ToolCallMemo) {}

  partOf(ev: RouterEvent): LmOutPart | undefined {
    if (ev.type === 'text-delta') return ev.text ? { kind: 'text', text: ev.text } : undefined;
    if (ev.type === 'reasoning-part') this.reasoning.push(ev.part);
    else if (ev.type === 'tool-call') {
      this.memo.remember(ev.call, this.reasoning);
      this.reasoning = [];
      this.calls++;
      // The core hands over a parsed JSON object; anything else would be a bug upstream of here.
      const input = typeof ev.call.args === 'object' && ev.call.args !== null ? ev.call.args : {};
      return { kind: 'tool-call', callId: ev.call.id, name: ev.call.name, input };
    } else if (ev.type === 'tool-call-invalid') this.invalidCalls.push({ name: ev.name, reason: ev.reason });
    return undefined;
  }

  /** The failure to raise when the model's only tool calls were unreadable, so the caller does not wait for nothing. */
  invalidCallMessage(): string | undefined {
    if (this.invalidCalls.length === 0 || this.calls > 0) return undefined;
    const c = this.invalidCalls[0];
    return `The model called tool "${c.name}" with arguments that could not be read (${c.reason}) Try again, or pick another model.`;
  }
}
