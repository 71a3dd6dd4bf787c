// The output items of a Responses answer, built from the run's deltas in stream order: reasoning
// items with summary text, one message item per stretch of text, and function (or custom) call
// items. Every step is also reported as the streaming event the API sends for it, so the
// streamed and the whole answer are the same items.
import type { ReasoningPart } from '../../core/types';
import { newId } from '../ids';
import type { OutputDelta } from '../route-run';
import type { GatewayToolCall } from '../tools/tools-out';
import { encodeReasoningState, type ReasoningState } from './reasoning-state';

type Item = Record<string, unknown>;
/** Receives each event as `type` and its fields (sequence numbers are the writer's). */
export type Emit = (type: string, fields: Record<string, unknown>) => void;

const idOf = (prefix: string) => newId(`${prefix}_`);
const textPart = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });

interface Open {
  kind: 'message' | 'reasoning';
  id: string;
  index: number;
  text: string;
  parts: ReasoningPart[];
}

/** Accumulates the output array; `emit` sees the events on the way. */
export class OutputItems {
  readonly items: Item[] = [];
  private open?: Open;
  private readonly callState: NonNullable<ReasoningState['calls']> = {};

  constructor(
    private readonly emit: Emit,
    private readonly opts: { customTools: ReadonlySet<string>; encryptedReasoning: boolean },
  ) {}

  add(d: OutputDelta): void {
    switch (d.type) {
      case 'text':
      case 'reasoning':
        return this.delta(d.type === 'text' ? 'message' : 'reasoning', d.text);
      case 'reasoning-end':
        return this.endReasoning(d.part);
      case 'tool-call':
        return this.call(d.call);
    }
  }

  private delta(kind: Open['kind'], text: string): void {
    const o = this.open?.kind === kind ? this.open : this.start(kind);
    o.text += text;
    const at = { item_id: o.id, output_index: o.index };
    if (kind === 'message') this.emit('response.output_text.delta', { ...at, content_index: 0, delta: text, logprobs: [] });
    else this.emit('response.reasoning_summary_text.delta', { ...at, summary_index: 0, delta: text });
  }

  /** Closes what is open and adds the host's call state, which must come back with the calls. */
  finish(): void {
    this.close();
    if (!this.opts.encryptedReasoning || Object.keys(this.callState).length === 0) return;
    const item = {
      id: idOf('rs'),
      type: 'reasoning',
      summary: [],
      encrypted_content: encodeReasoningState({ parts: [], calls: this.callState }),
    };
    this.push(item);
    this.emit('response.output_item.done', { output_index: this.items.length - 1, item });
  }

  private push(item: Item): number {
    this.items.push(item);
    const index = this.items.length - 1;
    this.emit('response.output_item.added', { output_index: index, item: { ...item } });
    return index;
  }

  private start(kind: Open['kind']): Open {
    this.close();
    const id = idOf(kind === 'message' ? 'msg' : 'rs');
    const index =
      kind === 'message'
        ? this.push({ id, type: 'message', status: 'in_progress', role: 'assistant', content: [] })
        : this.push({ id, type: 'reasoning', summary: [] });
    const at = { item_id: id, output_index: index };
    if (kind === 'message') this.emit('response.content_part.added', { ...at, content_index: 0, part: textPart('') });
    else this.emit('response.reasoning_summary_part.added', { ...at, summary_index: 0, part: { type: 'summary_text', text: '' } });
    this.open = { kind, id, index, text: '', parts: [] };
    return this.open;
  }

  private endReasoning(p: ReasoningPart): void {
    if (this.open?.kind !== 'reasoning') {
      if (!p.text && !this.opts.encryptedReasoning) return;
      const o = this.start('reasoning');
      // A block that arrived whole (no deltas before it) still shows its text.
      if (p.text) this.delta('reasoning', p.text);
      o.parts.push(p);
    } else this.open.parts.push(p);
    this.close();
  }

  private close(): void {
    const o = this.open;
    if (!o) return;
    this.open = undefined;
    const at = { item_id: o.id, output_index: o.index };
    let item: Item;
    if (o.kind === 'message') {
      this.emit('response.output_text.done', { ...at, content_index: 0, text: o.text, logprobs: [] });
      this.emit('response.content_part.done', { ...at, content_index: 0, part: textPart(o.text) });
      item = { id: o.id, type: 'message', status: 'completed', role: 'assistant', content: [textPart(o.text)] };
    } else {
      const summary = { type: 'summary_text', text: o.text };
      this.emit('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: o.text });
      this.emit('response.reasoning_summary_part.done', { ...at, summary_index: 0, part: summary });
      item = { id: o.id, type: 'reasoning', summary: o.text ? [summary] : [] };
      if (this.opts.encryptedReasoning) item.encrypted_content = o.parts.length ? encodeReasoningState({ parts: o.parts }) : null;
    }
    this.items[o.index] = item;
    this.emit('response.output_item.done', { output_index: o.index, item });
  }

  private call(c: GatewayToolCall): void {
    this.close();
    if (c.signature || c.syntheticId)
      this.callState[c.id] = { ...(c.signature ? { signature: c.signature } : {}), ...(c.syntheticId ? { syntheticId: true } : {}) };
    const custom = this.opts.customTools.has(c.name);
    const id = idOf(custom ? 'ctc' : 'fc');
    const value = custom ? customInput(c.argumentsJson) : c.argumentsJson;
    const field = custom ? 'input' : 'arguments';
    const base = { id, type: custom ? 'custom_tool_call' : 'function_call', call_id: c.id, name: c.name };
    const index = this.push({ ...base, status: 'in_progress', [field]: '' });
    const at = { item_id: id, output_index: index };
    const kind = custom ? 'response.custom_tool_call_input' : 'response.function_call_arguments';
    this.emit(`${kind}.delta`, { ...at, delta: value });
    this.emit(`${kind}.done`, { ...at, [field]: value, ...(custom ? {} : { name: c.name }) });
    const item = { ...base, status: 'completed', [field]: value };
    this.items[index] = item;
    this.emit('response.output_item.done', { output_index: index, item });
  }
}

/** A custom tool's call carries its raw input, which reached other hosts as the `input` argument. */
function customInput(argumentsJson: string): string {
  try {
    const v = JSON.parse(argumentsJson) as unknown;
    if (v && typeof v === 'object' && typeof (v as { input?: unknown }).input === 'string') return (v as { input: string }).input;
  } catch {
    // The model wrote no JSON: what it wrote is the input.
  }
  return argumentsJson;
}
