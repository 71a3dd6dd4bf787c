// Connects one webview (sidebar view or editor panel) to the controller through the validated
// protocol endpoint. Every incoming message is checked by zod before a handler sees it.
import type * as vscode from 'vscode';
import type { Logger } from '../../core/platform';
import { MessageEndpoint, toHostMessages, toWebviewMessages, type ToHostMessages, type ToWebviewMessages } from '../../shared/protocol';
import type { ChatController } from '../../app/chat/chat-controller';

/** Host side of one webview's messaging. */
export type HostEndpoint = MessageEndpoint<ToHostMessages, ToWebviewMessages>;

/** Wires a webview to the controller; dispose to detach. The caller handles `ready`. */
export function bindChatWebview(
  webview: vscode.Webview,
  controller: ChatController,
  logger: Logger,
  openQuickPick: () => Promise<void>,
  redact: (text: string) => string,
): { endpoint: HostEndpoint; dispose(): void } {
  const endpoint: HostEndpoint = new MessageEndpoint({
    incoming: toHostMessages,
    outgoing: toWebviewMessages,
    send: (m) => void webview.postMessage(m),
    log: (reason) => logger.warn(`chat webview: ${reason}`),
    redact,
  });
  endpoint.on('send', ({ text }) => controller.answers.send(text));
  endpoint.on('stop', () => controller.answers.stop());
  endpoint.on('regenerate', () => controller.answers.regenerate());
  endpoint.on('editLast', ({ text }) => controller.answers.editLast(text));
  endpoint.on('errorAction', ({ messageId, action }) => controller.answers.errorAction(messageId, action));
  endpoint.on('openLink', ({ href }) => controller.openLink(href));
  endpoint.on('copyText', ({ text }) => controller.copy(text));
  endpoint.on('insertCode', ({ code }) => controller.insertCode(code));
  endpoint.on('applyCode', ({ code, language }) => controller.applyCode(code, language));
  endpoint.on('newConversation', () => controller.conversations.newConversation());
  endpoint.on('selectConversation', ({ id }) => controller.conversations.select(id));
  endpoint.on('deleteConversation', ({ id }) => controller.conversations.delete(id));
  endpoint.on('renameConversation', ({ id, title }) => controller.conversations.rename(id, title));
  endpoint.on('setModel', ({ model }) => controller.conversations.setModel(model));
  endpoint.on('setPreferences', ({ preferences }) => controller.conversations.setPreferences(preferences));
  endpoint.on('setReasoning', ({ effort }) => controller.conversations.setReasoning(effort));
  endpoint.on('toggleFavourite', async ({ model }) => ({ favourites: await controller.conversations.toggleFavourite(model) }));
  endpoint.on('getPickerData', () => controller.conversations.pickerData());
  endpoint.on('openModelQuickPick', () => openQuickPick());
  endpoint.on('webviewLog', ({ level, message }) => logger[level](`chat webview: ${message}`));
  const sub = webview.onDidReceiveMessage((m) => endpoint.receive(m));
  const detach = controller.attach(endpoint);
  return {
    endpoint,
    dispose() {
      detach();
      sub.dispose();
      endpoint.dispose();
    },
  };
}
