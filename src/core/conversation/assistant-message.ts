// Folds one answer's stream events into the assistant message that goes into the conversation,
// in the order the provider needs it back: reasoning state, text, tool calls. Front ends keep
// this message (it is plain data) and send it on the next turn of a tool loop.
import type { ChatMessage, ContentPart, StreamEvent } from '../types';

/** Builds the assistant message event by event. */
class AssistantMessageBuilder {
  private readonly parts: ContentPart[] = [];
  private text = '';

  /** Applies one event; events that carry no content are ignored. */
  add(e: StreamEvent): void {
    switch (e.type) {
      case 'text-delta':
        this.text += e.text;
        return;
      case 'reasoning-part':
        this.flushText();
        this.parts.push(e.part);
        return;
      case 'tool-call':
        this.flushText();
        this.parts.push(e.call);
        return;
      default:
        return;
    }
  }

  /** The message so far. */
  message(): ChatMessage {
    this.flushText();
    return { role: 'assistant', content: [...this.parts] };
  }

  private flushText(): void {
    if (!this.text) return;
    this.parts.push({ type: 'text', text: this.text });
    this.text = '';
  }
}

/** The assistant message of a whole stream. */
export function assistantMessageFrom(events: Iterable<StreamEvent>): ChatMessage {
  const b = new AssistantMessageBuilder();
  for (const e of events) b.add(e);
  return b.message();
}
