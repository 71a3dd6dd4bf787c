// Messages of the chat view, in both directions. Shapes live in chat-model.ts.
import * as z from 'zod/mini';
import { list, opt, str } from './schema-kit';
import { defineMessages } from './define';
import { chatPreferencesSchema, chatTurnSchema, errorActionSchema, pickerDataSchema, REASONING_EFFORTS } from './chat-model';
import { chatStatePatchSchema, chatViewStateSchema } from './chat-view-state';

const empty = z.object({});
const convId = str(200, 1);
const model = str(300, 1);
const code = z.object({ code: str(1_000_000), language: opt(str(100)) });

/** Webview → host. */
export const chatToHost = defineMessages({
  /** The webview loaded and wants the whole state. */
  ready: { request: empty },
  send: { request: z.object({ text: str(1_000_000, 1) }) },
  stop: { request: empty },
  regenerate: { request: empty },
  /** Replace the last user message and answer it again. */
  editLast: { request: z.object({ text: str(1_000_000, 1) }) },
  errorAction: { request: z.object({ messageId: str(200), action: errorActionSchema }) },
  /** A click on a rendered link; the host opens only http(s). */
  openLink: { request: z.object({ href: str(8000) }) },
  copyText: { request: z.object({ text: str(1_000_000) }) },
  insertCode: { request: code },
  applyCode: { request: code },
  newConversation: { request: empty },
  selectConversation: { request: z.object({ id: convId }) },
  /** The host asks for confirmation natively (webviews cannot show modal dialogs). */
  deleteConversation: { request: z.object({ id: convId }) },
  /** Without a title the host asks for one with an input box. */
  renameConversation: { request: z.object({ id: convId, title: opt(str(200, 1)) }) },
  setModel: { request: z.object({ model }) },
  setPreferences: { request: z.object({ preferences: chatPreferencesSchema }) },
  /** This conversation's reasoning effort, saved with it and sent with each of its requests. */
  setReasoning: { request: z.object({ effort: z.enum(['off', ...REASONING_EFFORTS]) }) },
  toggleFavourite: { request: z.object({ model }), response: z.object({ favourites: list(model, 500) }) },
  getPickerData: { request: empty, response: pickerDataSchema },
  /** Open the native QuickPick version of the picker. */
  openModelQuickPick: { request: empty },
  webviewLog: { request: z.object({ level: z.enum(['info', 'warn', 'error']), message: str(2000) }) },
});

/** Host → webview. */
export const chatToWebview = defineMessages({
  /** The whole view state; sent on ready, on every turn boundary and on conversation changes. */
  state: { request: chatViewStateSchema },
  /** What changed since the state of revision `base`: appended or replaced turns, and the rest when it changed. */
  statePatch: { request: chatStatePatchSchema },
  /** New output for the streaming message; the webview coalesces renders per frame. */
  streamDelta: {
    request: z.object({
      messageId: str(200),
      text: opt(str(1_000_000)),
      reasoning: opt(str(1_000_000)),
    }),
  },
  /** Routing progress, e.g. "falling back to groq". */
  streamStatus: { request: z.object({ messageId: str(200), status: str(500) }) },
  /** A finished (or failed, or stopped) turn with its footer. */
  turnDone: { request: z.object({ conversationId: convId, turn: chatTurnSchema }) },
  focusInput: { request: empty },
  setDraft: { request: z.object({ text: str(1_000_000) }) },
});
