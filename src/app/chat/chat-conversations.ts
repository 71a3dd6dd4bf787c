// Conversation handling: which conversation is shown, starting, importing, renaming and deleting
// them, and the choices saved with each (model, routing preferences, reasoning effort). Every
// change goes through the store; streaming answers is ChatAnswers' job.
import type { Clock } from '../../core/platform';
import type { ChatMessage } from '../../core/types';
import type { AssistantMeta, ChatPreferences, Conversation, PickerData, ReasoningEffortChoice } from '../../shared/protocol';
import type { ActiveStream } from './active-stream';
import { toChatMessages } from './chat-messages';
import type { ChatPort } from './chat-port';
import { titleFrom, type ConversationStore } from './conversation-store';

/** The editor prompts conversation handling needs. */
export interface ConversationPrompts {
  confirmDelete(title: string): Promise<boolean>;
  askTitle(current: string): Promise<string | undefined>;
}

/** What conversation handling needs around it. */
interface ConversationDeps {
  port: Pick<ChatPort, 'defaultModel' | 'providers' | 'pickerModels'>;
  store: ConversationStore;
  prompts: ConversationPrompts;
  stream: ActiveStream;
  clock: Clock;
  newId: () => string;
  /** Tells every view the new state. */
  pushState: () => void;
}

/** The chat's conversations and the one shown. */
export class ChatConversations {
  private shown?: Conversation;

  constructor(private readonly d: ConversationDeps) {}

  // Loaded on first use, not when built: activation builds the controller, and reading settings and
  // the stored conversation (a parse of the whole of it) would put that on every window's start.
  /** The conversation shown, which the next answer goes to. */
  get current(): Conversation {
    return (this.shown ??= this.d.store.active(this.d.port.defaultModel()));
  }

  /** The model the next answer is asked of. */
  get model(): string | undefined {
    return this.current.model ?? this.d.port.defaultModel();
  }

  /** Starts a fresh conversation with the current model. */
  async newConversation(): Promise<void> {
    await this.stopStreaming();
    const reasoning = this.current.reasoning;
    // A new conversation starts with the model and effort the user was just using.
    this.shown = { ...this.d.store.create(this.model), reasoning };
    await this.d.store.setActive(this.shown.id);
    this.d.pushState();
  }

  /** Starts a conversation holding one finished exchange (the compare view's "Continue in chat"). */
  async importExchange(prompt: string, answer: string, model: string, meta?: AssistantMeta): Promise<void> {
    await this.stopStreaming();
    const c = this.d.store.create(model);
    c.title = titleFrom(prompt);
    const now = this.d.clock.now();
    const providerName = meta?.provider ? this.d.port.providers().find((p) => p.id === meta.provider)?.name : undefined;
    const shown = meta && { ...meta, providerName: meta.providerName ?? providerName };
    c.messages.push(
      { id: this.d.newId(), role: 'user', text: prompt, createdAt: now },
      { id: this.d.newId(), role: 'assistant', text: answer, createdAt: now, model, meta: shown },
    );
    this.shown = c;
    await this.d.store.save(c);
    await this.d.store.setActive(c.id);
    await this.d.store.pushRecent(model);
    this.d.pushState();
  }

  /** Shows another conversation. */
  async select(id: string): Promise<void> {
    const c = this.d.store.get(id);
    if (!c || this.d.stream.busy) return;
    this.shown = c;
    await this.d.store.setActive(id);
    this.d.pushState();
  }

  /** Deletes a conversation after a native confirmation. */
  async delete(id: string): Promise<void> {
    const c = this.find(id);
    if (!c || !(await this.d.prompts.confirmDelete(c.title))) return;
    if (this.current.id === id) await this.stopStreaming();
    await this.d.store.delete(id);
    if (this.current.id === id) this.shown = this.d.store.active(this.d.port.defaultModel());
    this.d.pushState();
  }

  /** Renames a conversation; asks for a title when none is given. */
  async rename(id: string, title?: string): Promise<void> {
    const c = this.find(id);
    if (!c) return;
    const next = title ?? (await this.d.prompts.askTitle(c.title));
    if (!next?.trim()) return;
    c.title = next.trim().slice(0, 200);
    await this.d.store.save(c);
    this.d.pushState();
  }

  /** Switches the model; the history stays, and each answer keeps the model that wrote it. */
  async setModel(model: string): Promise<void> {
    this.current.model = model;
    await this.d.store.pushRecent(model);
    await this.saveIfStarted();
    this.d.pushState();
  }

  /** Sets this conversation's routing preferences. */
  async setPreferences(p: ChatPreferences): Promise<void> {
    this.current.preferences = p;
    await this.saveIfStarted();
  }

  /** Sets this conversation's reasoning effort; `off` sends no reasoning control. */
  async setReasoning(effort: ReasoningEffortChoice): Promise<void> {
    this.current.reasoning = effort === 'off' ? undefined : { effort };
    await this.saveIfStarted();
    this.d.pushState();
  }

  /** Toggles a favourite model. */
  toggleFavourite(ref: string): Promise<string[]> {
    return this.d.store.toggleFavourite(ref);
  }

  /** Everything the picker shows. */
  async pickerData(): Promise<PickerData> {
    return {
      models: await this.d.port.pickerModels(),
      favourites: this.d.store.favourites(),
      recent: this.d.store.recent(),
      current: this.model,
      preferences: this.preferences,
      providers: this.d.port.providers(),
    };
  }

  /** The current conversation's preferences (for the QuickPick). */
  get preferences(): ChatPreferences {
    return this.current.preferences ?? {};
  }

  /** The current conversation as the next request will send it. */
  historyMessages(): ChatMessage[] {
    return toChatMessages(this.current.messages);
  }

  private find(id: string): Conversation | undefined {
    return this.d.store.get(id) ?? (this.current.id === id ? this.current : undefined);
  }

  // An empty conversation is not stored: a choice made before the first message rides on it.
  private async saveIfStarted(): Promise<void> {
    if (this.current.messages.length) await this.d.store.save(this.current);
  }

  private async stopStreaming(): Promise<void> {
    this.d.stream.stop();
    await this.d.stream.idle();
  }
}
