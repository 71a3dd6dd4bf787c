// Gemini parts → reasoning state and tool calls. Function calls arrive whole, often without an
// id, so one is generated from the response id and the call's position: stable for the same
// stream, unique across turns. Thought text is kept with its `thoughtSignature` and released as
// one reasoning part before the first answer part, which is where it goes back next turn.
import type { StreamEvent } from '../../types';
import type { GeminiResponse } from './response-schema';

type Part = NonNullable<NonNullable<NonNullable<GeminiResponse['candidates']>[number]['content']>['parts']>[number];

/** Per-stream state for thought parts and function calls. */
export class GeminiPartAssembler {
  private thought = '';
  private thoughtSignature: string | undefined;
  private calls = 0;

  constructor(private readonly idPrefix: () => string) {}

  /** True once a function call was seen. */
  get sawCalls(): boolean {
    return this.calls > 0;
  }

  /** The events of one part, appended to `out`. */
  push(p: Part, out: StreamEvent[]): void {
    if (p.thought) {
      if (p.text) {
        this.thought += p.text;
        out.push({ type: 'reasoning-delta', text: p.text });
      }
      if (p.thoughtSignature) this.thoughtSignature = p.thoughtSignature;
      return;
    }
    if (p.functionCall) {
      this.flush(out);
      const fc = p.functionCall;
      const n = this.calls++;
      const id = fc.id || `${this.idPrefix()}_call_${n}_${fnv1a(fc.name + JSON.stringify(fc.args ?? {}))}`;
      out.push({
        type: 'tool-call',
        call: {
          type: 'tool-call',
          id,
          name: fc.name,
          args: fc.args ?? {},
          ...(p.thoughtSignature ? { signature: p.thoughtSignature } : {}),
          ...(fc.id ? {} : { syntheticId: true }),
        },
      });
      return;
    }
    if (p.text) {
      this.flush(out);
      out.push({ type: 'text-delta', text: p.text });
    }
  }

  /** Releases the thought gathered so far as a reasoning part. */
  flush(out: StreamEvent[]): void {
    if (!this.thought && !this.thoughtSignature) return;
    out.push({
      type: 'reasoning-part',
      part: {
        type: 'reasoning',
        text: this.thought,
        ...(this.thoughtSignature ? { signature: this.thoughtSignature } : {}),
        family: 'gemini',
      },
    });
    this.thought = '';
    this.thoughtSignature = undefined;
  }
}

/** A short content hash, so generated ids differ between turns even when no response id came. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
