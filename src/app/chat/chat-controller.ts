// The chat's state machine, free of VS Code: conversations, one stream at a time, and every action
// a webview (or a command) can ask for. Views attach as message endpoints; the editor is reached
// through EditorBridge. This is what the unit tests drive with a fake router.
import type { Clock } from '../../core/platform';
import { CONTINUE_INSTRUCTION } from '../../core/router/route-messages';
import type { RoutedRequest } from '../../core/router/types';
import type { ChatMessage } from '../../core/types';
import {
  isOpenableLink,
  type AssistantMeta,
  type ChatPreferences,
  type ChatTurn,
  type CodeContext,
  type Conversation,
  type ErrorAction,
  type MessageEndpoint,
  type PickerData,
  type ReasoningEffortChoice,
  type ToHostMessages,
  type ToWebviewMessages,
} from '../../shared/protocol';
import type { ChatPort } from './chat-port';
import { titleFrom, type ConversationStore } from './conversation-store';
import { composePrompt, splitComposedPrompt } from '../../shared/prompt-compose';
import { DeltaBatcher, type Timers } from './delta-batcher';
import { StatePoster } from './state-poster';
import { TurnAccumulator } from './turn-accumulator';

/** A connected chat view: the host side of its validated endpoint. */
export type ChatSurface = Pick<MessageEndpoint<ToHostMessages, ToWebviewMessages>, 'post'>;

/** Editor-side effects the controller asks for; implemented over the VS Code API. */
export interface EditorBridge {
  copy(text: string): Promise<void>;
  insertCode(code: string): Promise<void>;
  applyCode(code: string, language?: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  setApiKey(providerId?: string): Promise<void>;
  confirmDelete(title: string): Promise<boolean>;
  askTitle(current: string): Promise<string | undefined>;
  pickModelQuick(): Promise<void>;
  warn(message: string): void;
}

/** A prompt sent from outside the panel (send-selection commands). */
export interface SendPromptInput {
  text: string;
  model?: string;
  context?: CodeContext;
  /** What sent it, for the request log (e.g. `selection:explain`). */
  origin?: string;
}

/** A snapshot for tests and the e2e state hook; never contains keys. */
export interface ChatSnapshot {
  conversationId: string;
  model?: string;
  reasoning: ReasoningEffortChoice;
  busy: boolean;
  messages: { role: string; model?: string; text: string; provider?: string; charge?: unknown; error?: string; finishReason?: string }[];
}

/** Conversations and streaming for every attached chat view. */
export class ChatController {
  private readonly surfaces = new Set<ChatSurface>();
  private readonly poster = new StatePoster();
  private current?: Conversation;
  private stream?: { abort: AbortController; turnId: string; done: Promise<void> };
  /** Origin of the message being sent, used once by the next answer. */
  private origin?: string;

  constructor(
    private readonly port: ChatPort,
    private readonly store: ConversationStore,
    private readonly editor: EditorBridge,
    private readonly clock: Clock,
    private readonly newId: () => string,
    /** Timers of the delta batcher; the global ones unless a test fakes them. */
    private readonly timers?: Timers,
  ) {}

  // Loaded on first use, not when built: activation builds the controller, and reading settings and
  // the stored conversation (a parse of the whole of it) would put that on every window's start.
  private get conversation(): Conversation {
    return (this.current ??= this.store.active(this.port.defaultModel()));
  }

  private set conversation(c: Conversation) {
    this.current = c;
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
      conversation: this.conversation,
      model: this.conversation.model ?? this.port.defaultModel(),
      busy: this.stream !== undefined,
      streamingId: this.stream?.turnId,
    };
    // A view asking for the state (one that just loaded) gets all of it; the others what changed.
    this.poster.post(to ? [to] : this.surfaces, payload, to);
  }

  /** Whether an answer is streaming. */
  get busy(): boolean {
    return this.stream !== undefined;
  }

  /** Resolves when the current stream (if any) has ended and been saved. */
  async idle(): Promise<void> {
    await this.stream?.done;
  }

  /** Sends a user message and streams the answer. */
  async send(text: string, context?: CodeContext, model?: string, origin?: string): Promise<void> {
    if (this.stream) return this.editor.warn('An answer is still streaming. Stop it first.');
    if (model) await this.setModel(model);
    this.origin = origin;
    const user: ChatTurn = {
      id: this.newId(),
      role: 'user',
      text: context ? composePrompt(text, context) : text,
      createdAt: this.clock.now(),
      context: context ? { path: context.path, language: context.language, range: context.range } : undefined,
    };
    if (!this.conversation.messages.length) this.conversation.title = titleFrom(text);
    this.conversation.messages.push(user);
    await this.answer();
  }

  /** Public entry for send-selection commands. */
  sendPrompt(input: SendPromptInput): Promise<void> {
    return this.send(input.text, input.context, input.model, input.origin);
  }

  /** Stops the streaming answer; the partial text and its estimated cost are kept. */
  stop(): void {
    this.stream?.abort.abort();
  }

  /** Answers the last user message again, replacing the last answer. */
  async regenerate(ignore: string[] = []): Promise<void> {
    if (this.stream) return;
    const msgs = this.conversation.messages;
    while (msgs.length && msgs[msgs.length - 1].role === 'assistant') msgs.pop();
    if (!msgs.length) return;
    await this.answer(ignore);
  }

  /** Replaces the last user message and answers it again. */
  async editLast(text: string): Promise<void> {
    if (this.stream) return;
    const msgs = this.conversation.messages;
    const i = msgs.map((m) => m.role).lastIndexOf('user');
    if (i < 0) return this.send(text);
    msgs.splice(i + 1);
    // A title made from the question follows its edit; one the user chose stays.
    if (i === 0 && this.conversation.title === titleFrom(msgs[0].text)) this.conversation.title = titleFrom(text);
    // The file label stays while the edited text still carries that file's code.
    const ctx = msgs[i].context;
    msgs[i] = { ...msgs[i], text, context: ctx && splitComposedPrompt(text, ctx.path) ? ctx : undefined };
    await this.answer();
  }

  /** Handles an inline error button. */
  async errorAction(messageId: string, action: ErrorAction): Promise<void> {
    const turn = this.conversation.messages.find((m) => m.id === messageId);
    if (!turn) return;
    const failed = [turn.error?.provider, turn.meta?.provider, ...(turn.meta?.fallbacks ?? []).map((f) => f.provider)].filter(
      (p): p is string => !!p,
    );
    switch (action) {
      case 'setKey': {
        // "No route" errors come from the router itself: let the user pick the provider.
        const provider = turn.error?.provider;
        return this.editor.setApiKey(provider && this.port.providers().some((p) => p.id === provider) ? provider : undefined);
      }
      case 'pickModel':
        return this.editor.pickModelQuick();
      case 'retry':
        return this.regenerate();
      case 'retryOther':
        return this.regenerate(await this.awayFrom(failed));
      case 'continueElsewhere': {
        if (this.stream) return;
        turn.error = turn.error ? { ...turn.error, actions: turn.error.actions.filter((a) => a !== 'continueElsewhere') } : undefined;
        return this.answer(await this.awayFrom(failed), true);
      }
    }
  }

  /**
   * The providers a retry should avoid: the failed ones when another host can serve the model, none
   * when they are its only hosts (one request's ignore list, never the conversation's preferences).
   */
  private async awayFrom(failed: string[]): Promise<string[]> {
    const model = this.conversation.model ?? this.port.defaultModel();
    return model && failed.length && (await this.port.hasRouteWithout(model, failed, this.conversation.preferences)) ? failed : [];
  }

  /** Starts a fresh conversation with the current model. */
  async newConversation(): Promise<void> {
    if (this.stream) this.stop();
    await this.idle();
    const reasoning = this.conversation.reasoning;
    // A new conversation starts with the model and effort the user was just using.
    this.conversation = { ...this.store.create(this.conversation.model ?? this.port.defaultModel()), reasoning };
    await this.store.setActive(this.conversation.id);
    this.pushState();
  }

  /** Starts a conversation holding one finished exchange (the compare view's "Continue in chat"). */
  async importExchange(prompt: string, answer: string, model: string, meta?: AssistantMeta): Promise<void> {
    if (this.stream) this.stop();
    await this.idle();
    const c = this.store.create(model);
    c.title = titleFrom(prompt);
    const now = this.clock.now();
    const providerName = meta?.provider ? this.port.providers().find((p) => p.id === meta.provider)?.name : undefined;
    const shown = meta && { ...meta, providerName: meta.providerName ?? providerName };
    c.messages.push(
      { id: this.newId(), role: 'user', text: prompt, createdAt: now },
      { id: this.newId(), role: 'assistant', text: answer, createdAt: now, model, meta: shown },
    );
    this.conversation = c;
    await this.store.save(c);
    await this.store.setActive(c.id);
    await this.store.pushRecent(model);
    this.pushState();
  }

  /** Shows another conversation. */
  async select(id: string): Promise<void> {
    const c = this.store.get(id);
    if (!c || this.stream) return;
    this.conversation = c;
    await this.store.setActive(id);
    this.pushState();
  }

  /** Deletes a conversation after a native confirmation. */
  async delete(id: string): Promise<void> {
    const c = this.store.get(id) ?? (this.conversation.id === id ? this.conversation : undefined);
    if (!c || !(await this.editor.confirmDelete(c.title))) return;
    if (this.conversation.id === id) {
      this.stop();
      await this.idle();
    }
    await this.store.delete(id);
    if (this.conversation.id === id) this.conversation = this.store.active(this.port.defaultModel());
    this.pushState();
  }

  /** Renames a conversation; asks for a title when none is given. */
  async rename(id: string, title?: string): Promise<void> {
    const c = this.store.get(id) ?? (this.conversation.id === id ? this.conversation : undefined);
    if (!c) return;
    const next = title ?? (await this.editor.askTitle(c.title));
    if (!next?.trim()) return;
    c.title = next.trim().slice(0, 200);
    await this.store.save(c);
    this.pushState();
  }

  /** Switches the model; the history stays, and each answer keeps the model that wrote it. */
  async setModel(model: string): Promise<void> {
    this.conversation.model = model;
    await this.store.pushRecent(model);
    if (this.conversation.messages.length) await this.store.save(this.conversation);
    this.pushState();
  }

  /** Sets this conversation's routing preferences. */
  async setPreferences(p: ChatPreferences): Promise<void> {
    this.conversation.preferences = p;
    if (this.conversation.messages.length) await this.store.save(this.conversation);
  }

  /** Sets this conversation's reasoning effort; `off` sends no reasoning control. */
  async setReasoning(effort: ReasoningEffortChoice): Promise<void> {
    this.conversation.reasoning = effort === 'off' ? undefined : { effort };
    if (this.conversation.messages.length) await this.store.save(this.conversation);
    this.pushState();
  }

  /** Toggles a favourite model. */
  toggleFavourite(ref: string): Promise<string[]> {
    return this.store.toggleFavourite(ref);
  }

  /** Everything the picker shows. */
  async pickerData(): Promise<PickerData> {
    return {
      models: await this.port.pickerModels(),
      favourites: this.store.favourites(),
      recent: this.store.recent(),
      current: this.conversation.model ?? this.port.defaultModel(),
      preferences: this.conversation.preferences ?? {},
      providers: this.port.providers(),
    };
  }

  /** The current conversation's preferences (for the QuickPick). */
  get preferences(): ChatPreferences {
    return this.conversation.preferences ?? {};
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

  /** The current conversation as the next request will send it. */
  historyMessages(): ChatMessage[] {
    return toChatMessages(this.conversation.messages);
  }

  /** A snapshot for tests. */
  snapshot(): ChatSnapshot {
    return {
      conversationId: this.conversation.id,
      model: this.conversation.model ?? this.port.defaultModel(),
      reasoning: this.conversation.reasoning?.effort ?? 'off',
      busy: this.busy,
      messages: this.conversation.messages.map((m) => ({
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

  /** Streams one answer to the end of the conversation. */
  private async answer(ignore: string[] = [], continuing = false): Promise<void> {
    const model = this.conversation.model ?? this.port.defaultModel();
    if (!model) {
      this.editor.warn('Pick a model first.');
      return this.editor.pickModelQuick();
    }
    const history = toChatMessages(this.conversation.messages);
    if (continuing) history.push({ role: 'user', content: CONTINUE_INSTRUCTION });
    const turn: ChatTurn = { id: this.newId(), role: 'assistant', text: '', createdAt: this.clock.now(), model };
    this.conversation.messages.push(turn);
    await this.store.save(this.conversation);
    await this.store.setActive(this.conversation.id);
    const abort = new AbortController();
    let finished!: () => void;
    this.stream = { abort, turnId: turn.id, done: new Promise<void>((r) => (finished = r)) };
    this.pushState();
    const conversationId = this.conversation.id;
    const prefs = this.conversation.preferences ?? {};
    const req: RoutedRequest = {
      models: [model],
      messages: history,
      preferences: { ...prefs, ignore: [...new Set([...(prefs.ignore ?? []), ...ignore])].filter(Boolean) },
      conversationId,
      reasoning: this.conversation.reasoning && { effort: this.conversation.reasoning.effort },
      signal: abort.signal,
    };
    if (!req.preferences!.ignore!.length) delete req.preferences!.ignore;
    const providerName = (id: string) => this.port.providers().find((p) => p.id === id)?.name ?? id;
    const acc = new TurnAccumulator(
      this.clock,
      providerName,
      (t) => this.port.redact(t),
      (m) => this.port.logger.warn(m),
    );
    const deltas = new DeltaBatcher((d) => this.broadcast('streamDelta', { messageId: turn.id, ...d }), this.timers);
    try {
      const origin = this.origin ?? 'chat';
      this.origin = undefined;
      for await (const ev of this.port.route(req, origin)) {
        const fx = acc.apply(ev);
        if (fx.text || fx.reasoning) deltas.push(fx.text, fx.reasoning);
        if (fx.status) {
          deltas.flush();
          this.broadcast('streamStatus', { messageId: turn.id, status: this.port.redact(fx.status).slice(0, 500) });
        }
      }
    } catch (e) {
      if (!abort.signal.aborted) acc.fail(e);
    }
    deltas.flush();
    const result = acc.result(abort.signal.aborted);
    if (!result.meta.charge && result.text) {
      const est = this.port.estimate({ model, endpoint: result.endpoint, messages: history, outputText: result.text });
      if (est) {
        result.meta.charge = est.charge;
        if (!result.meta.usage) {
          result.meta.usage = est.usage;
          result.meta.usageEstimated = true;
        }
      }
    }
    // Only buttons that can succeed: "another provider" needs a host the failure did not come from.
    if (
      result.error?.actions.includes('retryOther') &&
      !(await this.port.hasRouteWithout(model, result.failedProviders, prefs).catch(() => true))
    ) {
      result.error.actions = result.error.actions.filter((a) => a !== 'retryOther');
    }
    Object.assign(turn, { text: result.text, reasoning: result.reasoning, meta: result.meta, error: result.error });
    this.stream = undefined;
    const c = this.store.get(conversationId) ?? this.conversation;
    await this.store.save(c);
    this.broadcast('turnDone', { conversationId, turn });
    this.pushState();
    finished();
  }

  private broadcast<K extends keyof ToWebviewMessages & string>(type: K, payload: Parameters<ChatSurface['post']>[1] & object): void {
    for (const s of this.surfaces) s.post(type as never, payload as never);
  }
}

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
