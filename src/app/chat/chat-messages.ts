// How stored chat turns become a request's messages.
import type { ChatMessage } from '../../core/types';
import type { ChatTurn } from '../../shared/protocol';

/** The turns as a request's messages: failed empty answers are left out, consecutive answers merged. */
export function toChatMessages(turns: readonly ChatTurn[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const t of turns) {
    if (t.role === 'assistant' && !t.text) continue;
    const last = out[out.length - 1];
    if (last && last.role === t.role && typeof last.content === 'string') last.content += t.role === 'assistant' ? t.text : `\n\n${t.text}`;
    else out.push({ role: t.role, content: t.text });
  }
  return out;
}
