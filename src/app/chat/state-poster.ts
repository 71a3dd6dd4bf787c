// Posts the chat state to each view as what changed since that view's last state. A send in a long
// conversation used to post all of it (hundreds of kilobytes) for two new turns; the view cloned,
// validated and compared every turn again. Now a view gets the whole state only when it has none,
// on a switch of conversation, and when the change is more than appended and a few replaced turns.
import type { ChatViewState, MessageEndpoint, ToHostMessages, ToWebviewMessages } from '../../shared/protocol';

/** A view of the chat, as the controller holds it. */
type Surface = Pick<MessageEndpoint<ToHostMessages, ToWebviewMessages>, 'post'>;

/** More replaced turns than this is not an edit of the end of the chat: the whole state goes. */
export const MAX_REPLACED_TURNS = 4;

/** What a view was last sent, as text to compare: the host edits its turns in place. */
interface Sent {
  rev: number;
  conversationId: string;
  turns: string[];
  head: string;
  list: string;
}

type Snapshot = Omit<Sent, 'rev'>;

/** Remembers what each view last received and posts it only the difference. */
export class StatePoster {
  private readonly sent = new WeakMap<Surface, Sent>();
  private rev = 0;

  /** Posts `state` to each surface; `fresh` ones hold nothing (a view that just loaded). */
  post(surfaces: Iterable<Surface>, state: Omit<ChatViewState, 'rev'>, fresh?: Surface): void {
    let snap: Snapshot | undefined;
    for (const s of surfaces) {
      snap ??= snapshot(state);
      const last = s === fresh ? undefined : this.sent.get(s);
      const rev = ++this.rev;
      const patch = last && patchOf(last, snap, state);
      const ok = patch ? s.post('statePatch', { ...patch, base: last.rev, rev }) : s.post('state', { ...state, rev });
      // A refused post left the view where it was; the next one sends it everything.
      if (ok) this.sent.set(s, { ...snap, rev });
      else this.sent.delete(s);
    }
  }
}

function snapshot(state: Omit<ChatViewState, 'rev'>): Snapshot {
  const { messages, ...head } = state.conversation;
  return {
    conversationId: state.conversation.id,
    turns: messages.map((t) => JSON.stringify(t)),
    head: JSON.stringify(head),
    list: JSON.stringify(state.conversations),
  };
}

/** The patch from `last` to `state`, or undefined when only the whole state will do. */
function patchOf(last: Sent, snap: Snapshot, state: Omit<ChatViewState, 'rev'>) {
  if (last.conversationId !== snap.conversationId) return undefined;
  const messages = state.conversation.messages;
  const turns: { at: number; turn: (typeof messages)[number] }[] = [];
  for (let i = 0; i < snap.turns.length; i++) {
    if (i < last.turns.length && last.turns[i] === snap.turns[i]) continue;
    if (i < last.turns.length && turns.length >= MAX_REPLACED_TURNS) return undefined;
    turns.push({ at: i, turn: messages[i] });
  }
  const { messages: _turns, ...head } = state.conversation;
  return {
    conversationId: snap.conversationId,
    length: messages.length,
    turns,
    conversation: last.head === snap.head ? undefined : head,
    conversations: last.list === snap.list ? undefined : state.conversations,
    model: state.model,
    busy: state.busy,
    streamingId: state.streamingId,
  };
}
