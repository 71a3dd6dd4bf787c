// The chat view's whole state, and the patch that updates it in place. A long conversation is
// hundreds of kilobytes: posting, cloning, validating and comparing all of it on every send stalled
// the webview, so after the first state the host sends only the turns that changed.
import * as z from 'zod/mini';
import { count, list, opt, str } from './schema-kit';
import { chatTurnSchema, conversationSchema, conversationSummarySchema } from './chat-model';

const model = str(300, 1);

/** Everything but the turns of a conversation. */
const conversationHeadSchema = z.omit(conversationSchema, { messages: true });

/** The whole view state; `rev` names it for the patches that follow. */
export const chatViewStateSchema = z.object({
  conversations: list(conversationSummarySchema, 1000),
  conversation: conversationSchema,
  model: opt(model),
  busy: z.boolean(),
  streamingId: opt(str(200)),
  rev: opt(count()),
});

/**
 * The state of revision `rev`, made from that of revision `base`: the conversation keeps its first
 * `length` turns, with `turns` replacing or appending some of them. The head and the list come
 * only when they changed; the small fields always do.
 */
export const chatStatePatchSchema = z.object({
  conversationId: str(200, 1),
  base: count(),
  rev: count(),
  length: count(),
  turns: list(z.object({ at: count(), turn: chatTurnSchema }), 5000),
  conversation: opt(conversationHeadSchema),
  conversations: opt(list(conversationSummarySchema, 1000)),
  model: opt(model),
  busy: z.boolean(),
  streamingId: opt(str(200)),
});

/** @see chatViewStateSchema */
export type ChatViewState = z.output<typeof chatViewStateSchema>;
/** @see chatStatePatchSchema */
export type ChatStatePatch = z.output<typeof chatStatePatchSchema>;

/**
 * The state a patch makes of `state`, or undefined when it does not apply to it (another revision
 * or conversation, or turns missing): the view then asks for the whole state again.
 */
export function applyStatePatch(state: ChatViewState | undefined, patch: ChatStatePatch): ChatViewState | undefined {
  if (!state || state.rev !== patch.base || state.conversation.id !== patch.conversationId) return undefined;
  const messages = state.conversation.messages.slice(0, patch.length);
  for (const { at, turn } of patch.turns) {
    if (at > messages.length || at >= patch.length) return undefined;
    messages[at] = turn;
  }
  if (messages.length !== patch.length) return undefined;
  const { messages: _old, ...head } = state.conversation;
  const next: ChatViewState = {
    conversations: patch.conversations ?? state.conversations,
    conversation: { ...(patch.conversation ?? head), messages },
    busy: patch.busy,
    rev: patch.rev,
  };
  if (patch.model !== undefined) next.model = patch.model;
  if (patch.streamingId !== undefined) next.streamingId = patch.streamingId;
  return next;
}
