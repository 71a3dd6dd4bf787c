// Conversations, favourites and recent models. Each conversation is one file with a small index
// beside it (ConversationFiles), so a save writes one conversation, not all of them; favourites,
// recents and the active id stay in a KeyValueStore (VS Code globalState). Pure TypeScript so it is
// tested without VS Code. Stored data is validated on load and repaired field by field.
import * as z from 'zod/mini';
import type { Clock, KeyValueStore, Logger } from '../../core/platform';
import { silentLogger } from '../../core/platform';
import type { Conversation, ConversationSummary } from '../../shared/protocol';
import type { ConversationFiles } from './conversation-files';
import { fileOf, INDEX_FILE, isConversationFile, parseIndex, serializeIndex } from './conversation-index';
import { salvageConversation } from './conversation-salvage';

/** Where all conversations lived before they moved to files; read once, then cleared. */
export const LEGACY_CONVERSATIONS_KEY = 'switchboard.chat.conversations.v1';
const FAVOURITES_KEY = 'switchboard.chat.favourites.v1';
const RECENT_KEY = 'switchboard.chat.recentModels.v1';
const ACTIVE_KEY = 'switchboard.chat.active.v1';

/** Limits that keep storage small. */
export const STORE_LIMITS = { conversations: 200, recent: 8, favourites: 100 } as const;

const stringList = z.array(z.string());

function summaryOf(c: Conversation): ConversationSummary {
  return { id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length };
}

/**
 * Conversations and picker memory for one user. Every window has its own store over the same
 * files; each read starts from the stored index (merged by id with this window's objects), and a
 * save re-reads the index before writing it, so one window's save never drops a conversation
 * another window created.
 */
export class ConversationStore {
  private index = new Map<string, ConversationSummary>();
  /** Conversations this window has read or written, by id. */
  private readonly loaded = new Map<string, Conversation>();
  /** The index text last merged, to skip re-reading an unchanged one. */
  private seen?: string;
  /** Settles when the move from the legacy key is finished (the key cleared). */
  readonly migrated: Promise<void>;

  constructor(
    private readonly files: ConversationFiles,
    private readonly kv: KeyValueStore,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly log: Logger = silentLogger,
  ) {
    this.migrated = this.migrate();
  }

  /** Summaries, most recently updated first. */
  list(): ConversationSummary[] {
    this.sync();
    return [...this.index.values()].sort((a, b) => b.updatedAt - a.updatedAt).map((s) => ({ ...s }));
  }

  /** A conversation by id: this window's object while it is the newest, else the stored one. */
  get(id: string): Conversation | undefined {
    this.sync();
    const entry = this.index.get(id);
    if (!entry) return undefined;
    const own = this.loaded.get(id);
    if (own && own.updatedAt >= entry.updatedAt) return own;
    const stored = this.readFile(fileOf(id));
    if (!stored) return own;
    this.loaded.set(id, stored);
    return stored;
  }

  /** The conversation last shown, or the newest, or a fresh one (not saved until it has a message). */
  active(defaultModel: string | undefined): Conversation {
    const id = this.kv.get<string>(ACTIVE_KEY);
    return (
      (id && this.get(id)) ||
      this.list()
        .map((s) => this.get(s.id))
        .find((c) => c !== undefined) ||
      this.create(defaultModel)
    );
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

  /** Inserts or replaces a conversation and persists it. Oldest ones beyond the limit are dropped. */
  async save(c: Conversation): Promise<void> {
    this.sync();
    c.updatedAt = this.clock.now();
    this.files.write(fileOf(c.id), JSON.stringify(c));
    this.loaded.set(c.id, c);
    this.index.set(c.id, summaryOf(c));
    if (this.index.size > STORE_LIMITS.conversations) {
      const oldest = [...this.index.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(STORE_LIMITS.conversations);
      for (const s of oldest) this.forget(s.id);
    }
    this.writeIndex();
  }

  /** Deletes a conversation; returns whether it existed. */
  async delete(id: string): Promise<boolean> {
    this.sync();
    if (!this.index.has(id)) return false;
    this.forget(id);
    this.writeIndex();
    return true;
  }

  private forget(id: string): void {
    this.files.remove(fileOf(id));
    this.index.delete(id);
    this.loaded.delete(id);
  }

  /** The index is a cache of the files, so it is rewritten in place (fast) except when it must be durable. */
  private writeIndex(opts: { durable?: boolean } = {}): void {
    const text = serializeIndex(this.index.values());
    if (opts.durable) this.files.write(INDEX_FILE, text, opts);
    else this.files.overwrite(INDEX_FILE, text);
    this.seen = text;
  }

  /** The index's text; read twice when the first read looks torn by a write in progress. */
  private readIndex(): { text: string | undefined; index: ReturnType<typeof parseIndex> } {
    const text = this.files.read(INDEX_FILE);
    const index = parseIndex(text);
    if (index.valid || text === undefined) return { text, index };
    const again = this.files.read(INDEX_FILE);
    return { text: again, index: parseIndex(again) };
  }

  /**
   * Takes in what other windows stored: their new conversations, their deletions and newer
   * versions of shared ones. An index that lost an entry to two windows writing it at once is
   * repaired from the files, and an entry whose file is gone (deleted elsewhere) is dropped.
   */
  private sync(): void {
    const first = this.files.read(INDEX_FILE);
    if (first === this.seen && first !== undefined) return;
    const { text, index: parsed } = this.readIndex();
    this.seen = text;
    const index = parsed.entries;
    let repaired = false;
    const present = new Set(this.files.list().filter(isConversationFile));
    for (const id of index.keys()) if (!present.has(fileOf(id))) index.delete(id);
    const indexed = new Set([...index.keys()].map(fileOf));
    for (const name of present) {
      if (indexed.has(name)) continue;
      const c = this.readFile(name);
      if (c) index.set(c.id, summaryOf(c));
      repaired = true;
    }
    for (const id of [...this.loaded.keys()]) if (!index.has(id)) this.loaded.delete(id);
    this.index = index;
    if (repaired) this.tryWriteIndex();
  }

  private tryWriteIndex(): void {
    try {
      this.writeIndex();
    } catch (e) {
      this.log.warn(`Could not rewrite the conversation index: ${String(e)}`);
    }
  }

  private readFile(name: string): Conversation | undefined {
    const text = this.files.read(name);
    if (text === undefined) return undefined;
    try {
      return salvageConversation(JSON.parse(text));
    } catch {
      this.log.warn(`The stored conversation ${name} is not valid JSON; it is skipped.`);
      return undefined;
    }
  }

  /**
   * Moves conversations from the legacy globalState key into files, once. A stored file that is
   * as new or newer wins (another window may have migrated and moved on). The key is cleared only
   * after the files and the index are on disk, so a crash in between migrates again.
   */
  private async migrate(): Promise<void> {
    const legacy = this.kv.get<unknown>(LEGACY_CONVERSATIONS_KEY);
    if (!Array.isArray(legacy)) return;
    try {
      this.sync();
      for (const c of legacy.flatMap((raw) => salvageConversation(raw) ?? [])) {
        const have = this.index.get(c.id);
        if (have && have.updatedAt >= c.updatedAt) continue;
        this.files.write(fileOf(c.id), JSON.stringify(c), { durable: true });
        this.index.set(c.id, summaryOf(c));
      }
      this.writeIndex({ durable: true });
    } catch (e) {
      this.log.error(`Moving conversations to files failed; they stay where they were until the next start: ${String(e)}`);
      return;
    }
    await this.kv.update(LEGACY_CONVERSATIONS_KEY, undefined);
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
