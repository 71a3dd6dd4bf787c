// OpenRouter's `reasoning_details` arrive as fragments over many chunks. They are kept so the
// next turn can send them back; fragments of one entry (same type and index) are joined, since
// the API takes whole entries back, and every other field is kept as received.
// @see https://openrouter.ai/docs/use-cases/reasoning-tokens#preserving-reasoning-blocks
import type { StreamEvent } from '../../types';

type Detail = Record<string, unknown> & { type: string };

const JOINED = ['text', 'summary', 'data'] as const;

/** Joins reasoning_details fragments into whole entries. */
export class ReasoningDetails {
  private readonly entries: Detail[] = [];

  add(fragments: readonly Detail[]): void {
    for (const f of fragments) {
      const last = this.entries[this.entries.length - 1];
      if (last && last.type === f.type && last.index === f.index) merge(last, f);
      else this.entries.push({ ...f });
    }
  }

  /** The reasoning part for the assistant message, or nothing when none arrived. */
  release(): StreamEvent[] {
    if (this.entries.length === 0) return [];
    const text = this.entries.map((e) => (typeof e.text === 'string' ? e.text : typeof e.summary === 'string' ? e.summary : '')).join('');
    return [{ type: 'reasoning-part', part: { type: 'reasoning', text, details: this.entries.splice(0), family: 'openai' } }];
  }
}

function merge(into: Detail, f: Detail): void {
  for (const [k, v] of Object.entries(f)) {
    if ((JOINED as readonly string[]).includes(k) && typeof v === 'string' && typeof into[k] === 'string')
      into[k] = (into[k] as string) + v;
    else if (v !== null && v !== undefined) into[k] = v;
  }
}
