// Per-block state of one Anthropic stream: tool_use input assembled from input_json_delta,
// thinking text and its signature kept so the block can be sent back unchanged next turn.
import type { StreamEvent } from '../../types';
import { finishedToolCall } from '../tool-args';

type Block =
  | { kind: 'thinking'; text: string; signature: string }
  | { kind: 'redacted'; data: string }
  | { kind: 'tool'; id: string; name: string; json: string; answer: boolean }
  | { kind: 'other' };

/** What a started block carries that matters here. */
interface BlockStart {
  type: string;
  thinking?: string;
  signature?: string;
  id?: string;
  name?: string;
  data?: string;
}

/** Assembles content blocks by index. `answerTool` names a forced tool whose input is the answer text. */
export class AnthropicBlockAssembler {
  private readonly blocks = new Map<number, Block>();

  constructor(private readonly answerTool?: string) {}

  start(index: number, b: BlockStart): void {
    if (b.type === 'thinking') this.blocks.set(index, { kind: 'thinking', text: b.thinking ?? '', signature: b.signature ?? '' });
    else if (b.type === 'redacted_thinking') this.blocks.set(index, { kind: 'redacted', data: b.data ?? '' });
    else if (b.type === 'tool_use') {
      const name = b.name ?? '';
      this.blocks.set(index, { kind: 'tool', id: b.id ?? '', name, json: '', answer: !!this.answerTool && name === this.answerTool });
    } else this.blocks.set(index, { kind: 'other' });
  }

  thinking(index: number, text: string): void {
    const b = this.blocks.get(index);
    if (b?.kind === 'thinking') b.text += text;
  }

  signature(index: number, signature: string): void {
    const b = this.blocks.get(index);
    if (b?.kind === 'thinking') b.signature += signature;
  }

  /** Appends argument text; returns it as answer text when the block is the structured-answer tool. */
  inputJson(index: number, partial: string): StreamEvent[] {
    const b = this.blocks.get(index);
    if (b?.kind !== 'tool' || !partial) return [];
    if (b.answer) return [{ type: 'text-delta', text: partial }];
    b.json += partial;
    return [];
  }

  /** True when a tool_use block of the structured-answer tool was seen. */
  answered(): boolean {
    for (const b of this.blocks.values()) if (b.kind === 'tool' && b.answer) return true;
    return false;
  }

  /** Closes a block: a finished tool call or reasoning part, or nothing. */
  stop(index: number): StreamEvent[] {
    const b = this.blocks.get(index);
    if (!b) return [];
    switch (b.kind) {
      case 'thinking':
        return [{ type: 'reasoning-part', part: { type: 'reasoning', text: b.text, signature: b.signature, family: 'anthropic' } }];
      case 'redacted':
        return [{ type: 'reasoning-part', part: { type: 'reasoning', text: '', redactedData: b.data, family: 'anthropic' } }];
      case 'tool':
        return b.answer ? [] : [finishedToolCall(b.id, b.name, b.json)];
      case 'other':
        return [];
    }
  }
}
