// The index of stored conversations: one summary per conversation file, so listing them never
// reads 200 whole conversations. It is a cache of the files: what it lacks or names wrongly is
// repaired from the directory listing.
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { conversationSummarySchema, type ConversationSummary } from '../../shared/protocol';

/** Name of the index file. */
export const INDEX_FILE = 'index.json';

const indexSchema = z.object({ v: z.literal(1), conversations: z.array(z.unknown()) });

/** The file a conversation is kept in (ids are free text; file names must not be). */
export function fileOf(id: string): string {
  return `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.json`;
}

/** Whether a file name is a conversation's (not the index, not a stranger). */
export function isConversationFile(name: string): boolean {
  return /^[0-9a-f]{32}\.json$/.test(name);
}

/** Summaries from the index's text; bad entries are skipped, and a bad index reads as empty and not `valid`. */
export function parseIndex(text: string | undefined): { entries: Map<string, ConversationSummary>; valid: boolean } {
  const entries = new Map<string, ConversationSummary>();
  if (text === undefined) return { entries, valid: false };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { entries, valid: false };
  }
  const parsed = z.safeParse(indexSchema, raw);
  if (!parsed.success) return { entries, valid: false };
  for (const e of parsed.data.conversations) {
    const s = z.safeParse(conversationSummarySchema, e);
    if (s.success) entries.set(s.data.id, s.data);
  }
  return { entries, valid: true };
}

/** The index's text. */
export function serializeIndex(entries: Iterable<ConversationSummary>): string {
  return JSON.stringify({ v: 1, conversations: [...entries] });
}
