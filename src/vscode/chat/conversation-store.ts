// Conversations, favourites and recent models, persisted in a KeyValueStore (VS Code globalState).
// Pure TypeScript so it is tested without VS Code. Stored data is validated on load: a corrupt or
// older entry is dropped on its own instead of breaking the whole chat.
import * as z from 'zod/mini';
import type { Clock, KeyValueStore } from '../../core/platform';
import { type Conversation, type ConversationSummary } from '../../shared/protocol';
import { salvageConversation } from './conversation-salvage';

const CONVERSATIONS_KEY = 'switchboard.chat.conversations.v1';
const FAVOURITES_KEY = 'switchboard.chat.favourites.v1';
const RECENT_KEY = 'switchboard.chat.recentModels.v1';
const ACTIVE_KEY = 'switchboard.chat.active.v1';

/** Limits that keep globalState small. */
export const STORE_LIMITS = { conversations: 200, recent: 8, favourites: 100 } as const;

const stringList = z.array(z.string());

/**
 * Conversations and picker memory for one user. Every window has its own store over the same
 * globalState, which VS Code keeps in step across windows; so each read and write starts from the
 * stored list (merged by id with this window's objects), and one window's save never drops a
 * conversation another window created.
 */
export class ConversationStore {
  private conversations: Conversation[] = [];
  /** The stored value last merged, to skip re-validating an unchanged list. */
  private seen: unknown;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {
    this.sync();
  }

  /** Summaries, most recently updated first. */
  list(): ConversationSummary[] {
    this.sync();
    return [...this.conversations]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length }));
  }

  /** A conversation by id. */
  get(id: string): Conversation | undefined {
    this.sync();
    return this.conversations.find((c) => c.id === id);
  }

  /** The conversation last shown, or the newest, or a fresh one (not saved until it has a message). */
  active(defaultModel: string | undefined): Conversation {
    const id = this.kv.get<string>(ACTIVE_KEY);
    return (id && this.get(id)) || this.list().map((s) => this.get(s.id)!)[0] || this.create(defaultModel);
  }

  /** Remembers which conversation is shown. */
  async setActive(id: string): Promise<void> {
    await this.kv.update(ACTIVE_KEY, id);
  }

  /** A new, empty conversation; kept in memory until its first save. */
  create(model: string | undefined): Conversation {
    const now = this.clock.now();
    return { id: this.newId(), title: 'New conversation', createdAt: now, updatedAt: now, model, messages: [] };
  }

  /** Inserts or replaces a conversation and persists. Oldest ones beyond the limit are dropped. */
  async save(c: Conversation): Promise<void> {
    this.sync();
    c.updatedAt = this.clock.now();
    const i = this.conversations.findIndex((x) => x.id === c.id);
    if (i >= 0) this.conversations[i] = c;
    else this.conversations.push(c);
    if (this.conversations.length > STORE_LIMITS.conversations) {
      this.conversations.sort((a, b) => b.updatedAt - a.updatedAt);
      this.conversations.length = STORE_LIMITS.conversations;
    }
    await this.write();
  }

  /** Deletes a conversation; returns whether it existed. */
  async delete(id: string): Promise<boolean> {
    this.sync();
    const before = this.conversations.length;
    this.conversations = this.conversations.filter((c) => c.id !== id);
    if (before === this.conversations.length) return false;
    await this.write();
    return true;
  }

  private async write(): Promise<void> {
    await this.kv.update(CONVERSATIONS_KEY, this.conversations);
    this.seen = this.kv.get<unknown>(CONVERSATIONS_KEY);
  }

  /**
   * Takes in what other windows stored: their new conversations, their deletions, and newer
   * versions of shared ones. This window's objects are kept where they are as new, so a
   * conversation being answered here stays the object the chat is writing into.
   */
  private sync(): void {
    const raw = this.kv.get<unknown>(CONVERSATIONS_KEY);
    if (raw === this.seen && raw !== undefined) return;
    this.seen = raw;
    const mine = new Map(this.conversations.map((c) => [c.id, c]));
    const stored = (Array.isArray(raw) ? raw : []).flatMap((c) => salvageConversation(c) ?? []);
    this.conversations = stored.map((c) => {
      const own = mine.get(c.id);
      return own && own.updatedAt >= c.updatedAt ? own : c;
    });
  }

  /** Renames a conversation (title trimmed to 200 characters). */
  async rename(id: string, title: string): Promise<void> {
    const c = this.get(id);
    if (!c) return;
    c.title = title.trim().slice(0, 200) || c.title;
    await this.save(c);
  }

  /** Favourite model refs. */
  favourites(): string[] {
    return this.stringList(FAVOURITES_KEY);
  }

  /** Adds or removes a favourite; returns the new list. */
  async toggleFavourite(ref: string): Promise<string[]> {
    const fav = this.favourites();
    const next = fav.includes(ref) ? fav.filter((f) => f !== ref) : [...fav, ref].slice(-STORE_LIMITS.favourites);
    await this.kv.update(FAVOURITES_KEY, next);
    return next;
  }

  /** Recently used model refs, most recent first. */
  recent(): string[] {
    return this.stringList(RECENT_KEY);
  }

  /** Moves a model to the front of the recent list. */
  async pushRecent(ref: string): Promise<void> {
    const next = [ref, ...this.recent().filter((r) => r !== ref)].slice(0, STORE_LIMITS.recent);
    await this.kv.update(RECENT_KEY, next);
  }

  private stringList(key: string): string[] {
    const parsed = z.safeParse(stringList, this.kv.get<unknown>(key));
    return parsed.success ? parsed.data : [];
  }
}

/** A conversation title from its first prompt: one line, at most 60 characters. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}
