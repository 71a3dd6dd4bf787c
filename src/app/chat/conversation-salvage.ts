// A stored conversation that fails validation is repaired field by field rather than dropped:
// one bad value (from an older version, a clock step, a provider quirk) must not cost the user
// the whole conversation, and the next save would otherwise delete it for good.
import * as z from 'zod/mini';
import { chatTurnSchema, conversationSchema, type ChatTurn, type Conversation } from '../../shared/protocol';

const OPTIONAL_TURN_FIELDS = ['meta', 'error', 'context', 'reasoning', 'model'] as const;
const OPTIONAL_CONVERSATION_FIELDS = ['model', 'preferences', 'reasoning'] as const;

type Loose = Record<string, unknown>;

function isRecord(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A turn as stored, or the same turn without the optional fields that made it invalid. */
function salvageTurn(raw: unknown): ChatTurn | undefined {
  const direct = z.safeParse(chatTurnSchema, raw);
  if (direct.success) return direct.data;
  if (!isRecord(raw)) return undefined;
  const turn: Loose = { ...raw };
  for (const f of OPTIONAL_TURN_FIELDS) if (!z.safeParse(chatTurnSchema.shape[f], turn[f]).success) turn[f] = undefined;
  const again = z.safeParse(chatTurnSchema, turn);
  return again.success ? again.data : undefined;
}

/** A valid conversation from stored data, repaired where possible; undefined when it has no usable id. */
export function salvageConversation(raw: unknown): Conversation | undefined {
  const direct = z.safeParse(conversationSchema, raw);
  if (direct.success) return direct.data;
  if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id.length === 0 || raw.id.length > 200) return undefined;
  const c: Loose = { ...raw };
  if (typeof c.title !== 'string' || c.title.length > 200) c.title = 'Untitled conversation';
  for (const f of OPTIONAL_CONVERSATION_FIELDS) if (!z.safeParse(conversationSchema.shape[f], c[f]).success) c[f] = undefined;
  c.messages = (Array.isArray(raw.messages) ? raw.messages : []).flatMap((m) => salvageTurn(m) ?? []);
  const again = z.safeParse(conversationSchema, c);
  return again.success ? again.data : undefined;
}
