// Rebuilds OpenAI-style streamed tool calls from `delta.tool_calls[]` fragments, which are keyed
// by `index` and may interleave; only a call's first fragment carries its id and name. Calls are
// complete only when the choice finishes, so they are released together then.
import type { StreamEvent } from '../../types';
import { finishedToolCall } from '../tool-args';
import type { ToolCallDelta } from './chunk-schema';

interface Pending {
  id: string;
  name: string;
  /** Argument fragments, joined once at the end (cheaper than concatenating per chunk). */
  args: string[];
}

/** Collects fragments per index and releases finished calls in index order. */
export class ToolCallBuffer {
  private readonly calls = new Map<number, Pending>();

  add(fragments: readonly ToolCallDelta[]): void {
    for (let i = 0; i < fragments.length; i++) {
      const f = fragments[i];
      // Hosts that send one whole call per chunk sometimes omit index; position is then the key.
      const index = f.index ?? i;
      let call = this.calls.get(index);
      if (!call) {
        call = { id: '', name: '', args: [] };
        this.calls.set(index, call);
      }
      if (f.id) call.id = f.id;
      // Some hosts repeat the name on every fragment; the first one is the name.
      if (f.function?.name && !call.name) call.name = f.function.name;
      const a = f.function?.arguments;
      if (a) call.args.push(a);
    }
  }

  get size(): number {
    return this.calls.size;
  }

  /** Every buffered call as a finished event, in index order; the buffer is emptied. */
  release(): StreamEvent[] {
    const out: StreamEvent[] = [];
    for (const index of [...this.calls.keys()].sort((a, b) => a - b)) {
      const c = this.calls.get(index) as Pending;
      out.push(finishedToolCall(c.id || `call_${index}`, c.name, c.args.join(''), c.id ? {} : { syntheticId: true }));
    }
    this.calls.clear();
    return out;
  }
}
