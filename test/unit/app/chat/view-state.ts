// The state a chat view holds after the host's messages: whole states and the patches between them.
import { applyStatePatch, type ChatStatePatch, type ChatViewState } from '../../../../src/shared/protocol';

/** Folds `state` and `statePatch` messages in order; throws when a patch does not apply. */
export function viewStateOf(posts: readonly { type: string; payload: unknown }[]): ChatViewState | undefined {
  let state: ChatViewState | undefined;
  for (const { type, payload } of posts) {
    if (type === 'state') state = payload as ChatViewState;
    else if (type === 'statePatch') {
      const next = applyStatePatch(state, payload as ChatStatePatch);
      if (!next) throw new Error(`a patch from revision ${(payload as ChatStatePatch).base} did not apply`);
      state = next;
    }
  }
  return state;
}
