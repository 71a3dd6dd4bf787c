// Answer streaming: sending a message, regenerating or editing the last one, stopping, the inline
// error buttons, and the loop that streams one routed answer into the conversation shown.
import type { Clock } from '../../core/platform';
import { continuationMessages, type BrokenAnswer, type FailedHost } from '../../core/router/continuation';
import type { RoutedRequest } from '../../core/router/types';
import { contentText, type ChatMessage } from '../../core/types';
import type { ChatPreferences, ChatTurn, CodeContext, ErrorAction } from '../../shared/protocol';
import { composePrompt, splitComposedPrompt } from '../../shared/prompt-compose';
import type { ActiveStream } from './active-stream';
import type { ChatConversations } from './chat-conversations';
import { toChatMessages } from './chat-messages';
import type { ChatPort } from './chat-port';
import { failedHosts, failedProviders } from './failed-hosts';
import { titleFrom, type ConversationStore } from './conversation-store';
import { DeltaBatcher, type Timers } from './delta-batcher';
import { TurnAccumulator, type AccumulatedTurn } from './turn-accumulator';

/** The editor actions answer streaming needs. */
export interface AnswerPrompts {
  setApiKey(providerId?: string): Promise<void>;
  pickModelQuick(): Promise<void>;
  warn(message: string): void;
}

/** How answers reach the views. */
interface AnswerView {
  pushState(): void;
  broadcast(type: 'streamDelta' | 'streamStatus' | 'turnDone', payload: object): void;
}

/** A prompt sent from outside the panel (send-selection commands). */
export interface SendPromptInput {
  text: string;
  model?: string;
  context?: CodeContext;
  /** What sent it, for the request log (e.g. `selection:explain`). */
  origin?: string;
}

/** What answer streaming needs around it. */
interface AnswerDeps {
  port: ChatPort;
  store: ConversationStore;
  conversations: ChatConversations;
  prompts: AnswerPrompts;
  stream: ActiveStream;
  view: AnswerView;
  clock: Clock;
  newId: () => string;
  /** Timers of the delta batcher; the global ones unless a test fakes them. */
  timers?: Timers;
}

/** Streams answers into the conversation shown, one at a time. */
export class ChatAnswers {
  /** Origin of the message being sent, used once by the next answer. */
  private origin?: string;

  constructor(private readonly d: AnswerDeps) {}

  private get conversation() {
    return this.d.conversations.current;
  }

  /** Whether an answer is streaming. */
  get busy(): boolean {
    return this.d.stream.busy;
  }

  /** Resolves when the current stream (if any) has ended and been saved. */
  idle(): Promise<void> {
    return this.d.stream.idle();
  }

  /** Stops the streaming answer; the partial text and its estimated cost are kept. */
  stop(): void {
    this.d.stream.stop();
  }

  /** Sends a user message and streams the answer. */
  async send(text: string, context?: CodeContext, model?: string, origin?: string): Promise<void> {
    if (this.busy) return this.d.prompts.warn('An answer is still streaming. Stop it first.');
    if (model) await this.d.conversations.setModel(model);
    this.origin = origin;
    const user: ChatTurn = {
      id: this.d.newId(),
      role: 'user',
      text: context ? composePrompt(text, context) : text,
      createdAt: this.d.clock.now(),
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

  /** Answers the last user message again, replacing the last answer. */
  async regenerate(ignore: string[] = []): Promise<void> {
    if (this.busy) return;
    const msgs = this.conversation.messages;
    while (msgs.length && msgs[msgs.length - 1].role === 'assistant') msgs.pop();
    if (!msgs.length) return;
    await this.answer({ ignore });
  }

  /** Replaces the last user message and answers it again. */
  async editLast(text: string): Promise<void> {
    if (this.busy) return;
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
    switch (action) {
      case 'setKey': {
        // "No route" errors come from the router itself: let the user pick the provider.
        const provider = turn.error?.provider;
        return this.d.prompts.setApiKey(provider && this.d.port.providers().some((p) => p.id === provider) ? provider : undefined);
      }
      case 'pickModel':
        return this.d.prompts.pickModelQuick();
      case 'retry':
        return this.regenerate();
      case 'retryOther':
        return this.regenerate(await this.awayFrom(failedProviders(turn)));
      case 'continueElsewhere':
        return this.continueAfter(turn);
    }
  }

  /** Continues the last answer, cut off mid-stream, in a new turn after it; the engine picks the host. */
  private async continueAfter(turn: ChatTurn): Promise<void> {
    if (this.busy || this.conversation.messages.at(-1) !== turn || !turn.text) return;
    turn.error = turn.error ? { ...turn.error, actions: turn.error.actions.filter((a) => a !== 'continueElsewhere') } : undefined;
    await this.answer({ failed: failedHosts(turn) });
  }

  /**
   * The providers a retry should avoid: the failed ones when another host can serve the model, none
   * when they are its only hosts (one request's ignore list, never the conversation's preferences).
   */
  private async awayFrom(failed: string[]): Promise<string[]> {
    const model = this.d.conversations.model;
    return model && failed.length && (await this.d.port.hasRouteWithout(model, failed, this.conversation.preferences)) ? failed : [];
  }

  /**
   * Streams one answer to the end of the conversation: a fresh one (avoiding `ignore`), or, given
   * the hosts that failed, the continuation of the broken answer the conversation ends with.
   */
  private async answer(ask: { ignore?: string[]; failed?: FailedHost[] } = {}): Promise<void> {
    const model = this.d.conversations.model;
    if (!model) {
      this.d.prompts.warn('Pick a model first.');
      return this.d.prompts.pickModelQuick();
    }
    const history = toChatMessages(this.conversation.messages);
    // The broken answer (with any earlier continuation of it) is resent by the engine, after its instruction.
    const broken = ask.failed && { text: contentText(history.pop()!.content), failed: ask.failed };
    const turn = await this.openTurn(model);
    const handle = this.d.stream.start(turn.id);
    this.d.view.pushState();
    const conversationId = this.conversation.id;
    const prefs = this.conversation.preferences ?? {};
    const req = this.request(model, history, prefs, ask.ignore ?? [], handle.signal);
    const result = await this.streamInto(turn.id, req, handle.signal, broken);
    await this.complete(result, model, broken ? continuationMessages(history, broken.text) : history, prefs);
    Object.assign(turn, { text: result.text, reasoning: result.reasoning, meta: result.meta, error: result.error });
    handle.release();
    await this.d.store.save(this.d.store.get(conversationId) ?? this.conversation);
    this.d.view.broadcast('turnDone', { conversationId, turn });
    this.d.view.pushState();
    handle.settle();
  }

  /** Adds the empty answer the stream fills, saved so a reload mid-answer keeps the question. */
  private async openTurn(model: string): Promise<ChatTurn> {
    const turn: ChatTurn = { id: this.d.newId(), role: 'assistant', text: '', createdAt: this.d.clock.now(), model };
    this.conversation.messages.push(turn);
    await this.d.store.save(this.conversation);
    await this.d.store.setActive(this.conversation.id);
    return turn;
  }

  private request(model: string, history: ChatMessage[], prefs: ChatPreferences, ignore: string[], signal: AbortSignal): RoutedRequest {
    const preferences = { ...prefs, ignore: [...new Set([...(prefs.ignore ?? []), ...ignore])].filter(Boolean) };
    if (!preferences.ignore.length) delete (preferences as ChatPreferences).ignore;
    return {
      models: [model],
      messages: history,
      preferences,
      conversationId: this.conversation.id,
      reasoning: this.conversation.reasoning && { effort: this.conversation.reasoning.effort },
      signal,
    };
  }

  /** Routes the request, showing deltas and statuses as they come, and folds it into one turn. */
  private async streamInto(turnId: string, req: RoutedRequest, signal: AbortSignal, broken?: BrokenAnswer): Promise<AccumulatedTurn> {
    const port = this.d.port;
    const providerName = (id: string) => port.providers().find((p) => p.id === id)?.name ?? id;
    const acc = new TurnAccumulator(
      this.d.clock,
      providerName,
      (t) => port.redact(t),
      (m) => port.logger.warn(m),
    );
    const deltas = new DeltaBatcher((d) => this.d.view.broadcast('streamDelta', { messageId: turnId, ...d }), this.d.timers);
    try {
      const origin = this.origin ?? 'chat';
      this.origin = undefined;
      for await (const ev of broken ? port.continueElsewhere(req, broken, origin) : port.route(req, origin)) {
        const fx = acc.apply(ev);
        if (fx.text || fx.reasoning) deltas.push(fx.text, fx.reasoning);
        if (fx.status) {
          deltas.flush();
          this.d.view.broadcast('streamStatus', { messageId: turnId, status: port.redact(fx.status).slice(0, 500) });
        }
      }
    } catch (e) {
      if (!signal.aborted) acc.fail(e);
    }
    deltas.flush();
    return acc.result(signal.aborted);
  }

  /** Prices an answer the router could not (from the messages `sent`), and keeps only the error buttons that can succeed. */
  private async complete(result: AccumulatedTurn, model: string, sent: ChatMessage[], prefs: ChatPreferences): Promise<void> {
    if (!result.meta.charge && result.text) {
      const est = this.d.port.estimate({ model, endpoint: result.endpoint, messages: sent, outputText: result.text });
      if (est) {
        result.meta.charge = est.charge;
        if (!result.meta.usage) {
          result.meta.usage = est.usage;
          result.meta.usageEstimated = true;
        }
      }
    }
    // "Another provider" needs a host the failure did not come from.
    if (
      result.error?.actions.includes('retryOther') &&
      !(await this.d.port.hasRouteWithout(model, result.failedProviders, prefs).catch(() => true))
    ) {
      result.error.actions = result.error.actions.filter((a) => a !== 'retryOther');
    }
  }
}
