// The chat, free of VS Code: conversation handling (ChatConversations) and answer streaming
// (ChatAnswers) over one stream slot, and the views they report to. Views attach as message
// endpoints; the editor is reached through EditorBridge. The unit tests drive it with a fake router.
import type { Clock } from '../../core/platform';
import {
  isOpenableLink,
  type MessageEndpoint,
  type ReasoningEffortChoice,
  type ToHostMessages,
  type ToWebviewMessages,
} from '../../shared/protocol';
import { ActiveStream } from './active-stream';
import { ChatAnswers, type AnswerPrompts } from './chat-answers';
import { ChatConversations, type ConversationPrompts } from './chat-conversations';
import type { ChatPort } from './chat-port';
import type { ConversationStore } from './conversation-store';
import type { Timers } from './delta-batcher';
import { StatePoster } from './state-poster';

export type { SendPromptInput } from './chat-answers';

/** A connected chat view: the host side of its validated endpoint. */
export type ChatSurface = Pick<MessageEndpoint<ToHostMessages, ToWebviewMessages>, 'post'>;

/** Editor-side effects the chat asks for; implemented over the VS Code API. */
export interface EditorBridge extends AnswerPrompts, ConversationPrompts {
  copy(text: string): Promise<void>;
  insertCode(code: string): Promise<void>;
  applyCode(code: string, language?: string): Promise<void>;
  openExternal(url: string): Promise<void>;
}

/** A snapshot for tests and the e2e state hook; never contains keys. */
export interface ChatSnapshot {
  conversationId: string;
  model?: string;
  reasoning: ReasoningEffortChoice;
  busy: boolean;
  messages: { role: string; model?: string; text: string; provider?: string; charge?: unknown; error?: string; finishReason?: string }[];
}

/** The chat of every attached view: its conversations, its answers, and the editor actions of its messages. */
export class ChatController {
  private readonly surfaces = new Set<ChatSurface>();
  private readonly poster = new StatePoster();
  private readonly stream = new ActiveStream();
  readonly conversations: ChatConversations;
  readonly answers: ChatAnswers;

  constructor(
    private readonly port: ChatPort,
    private readonly store: ConversationStore,
    private readonly editor: EditorBridge,
    clock: Clock,
    newId: () => string,
    /** Timers of the delta batcher; the global ones unless a test fakes them. */
    timers?: Timers,
  ) {
    const { stream } = this;
    const pushState = () => this.pushState();
    this.conversations = new ChatConversations({ port, store, prompts: editor, stream, clock, newId, pushState });
    const view = { pushState, broadcast: (type: string, payload: object) => this.broadcast(type, payload) };
    this.answers = new ChatAnswers({ port, store, conversations: this.conversations, prompts: editor, stream, view, clock, newId, timers });
  }

  /** Connects a view; it receives the state once it says `ready`. */
  attach(surface: ChatSurface): () => void {
    this.surfaces.add(surface);
    return () => this.surfaces.delete(surface);
  }

  /** Sends the whole state to one view (on ready) or all of them. */
  pushState(to?: ChatSurface): void {
    const payload = {
      conversations: this.store.list(),
      conversation: this.conversations.current,
      model: this.conversations.model,
      busy: this.stream.busy,
      streamingId: this.stream.turnId,
    };
    // A view asking for the state (one that just loaded) gets all of it; the others what changed.
    this.poster.post(to ? [to] : this.surfaces, payload, to);
  }

  /** Copies text to the clipboard. */
  copy(text: string): Promise<void> {
    return this.editor.copy(text);
  }

  /** Inserts code at the cursor of the last active editor. */
  insertCode(code: string): Promise<void> {
    return this.editor.insertCode(code);
  }

  /** Proposes code as a replacement of the selection, shown as a diff to accept. */
  applyCode(code: string, language?: string): Promise<void> {
    return this.editor.applyCode(code, language);
  }

  /** Opens a link only if it is http(s); anything else is refused and logged. */
  async openLink(href: string): Promise<void> {
    if (!isOpenableLink(href)) return this.port.logger.warn(`chat: refused to open a link with a disallowed scheme`);
    await this.editor.openExternal(href);
  }

  /** A snapshot for tests. */
  snapshot(): ChatSnapshot {
    const c = this.conversations.current;
    return {
      conversationId: c.id,
      model: this.conversations.model,
      reasoning: c.reasoning?.effort ?? 'off',
      busy: this.stream.busy,
      messages: c.messages.map((m) => ({
        role: m.role,
        model: m.model,
        text: m.text,
        provider: m.meta?.provider,
        charge: m.meta?.charge,
        error: m.error?.category,
        finishReason: m.meta?.finishReason,
      })),
    };
  }

  private broadcast(type: string, payload: object): void {
    for (const s of this.surfaces) s.post(type as never, payload as never);
  }
}
