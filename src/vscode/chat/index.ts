// Registers the chat: the sidebar view, the editor panel, and the chat commands. The composition
// root calls registerChat with a ChatPort over the real core and keeps the returned API for the
// send-selection commands.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemClock } from '../../core/platform';
import type { ChatMessage } from '../../core/types';
import type { AssistantMeta, PickerGrouping } from '../../shared/protocol';
import { buildWebviewHtml, webviewOptions } from '../webview-html';
import { ProposalDiffs } from './apply-diff';
import { bindChatWebview, type HostEndpoint } from './chat-binding';
import { ChatController, type ChatSnapshot, type SendPromptInput } from '../../app/chat/chat-controller';
import type { ChatPort } from '../../app/chat/chat-port';
import { directoryFiles } from '../../app/chat/conversation-files';
import { ConversationStore } from '../../app/chat/conversation-store';
import { createEditorBridge, LastEditorTracker } from './editor-bridge';
import { showModelQuickPick } from './model-quick-pick';

export type { ChatPort } from '../../app/chat/chat-port';
export type { SendPromptInput, ChatSnapshot } from '../../app/chat/chat-controller';

/** What the rest of the extension can do with the chat. */
export interface ChatApi {
  /** Shows the chat and sends a prompt (optionally with code and a model); resolves when the answer ended. */
  sendPrompt(input: SendPromptInput): Promise<void>;
  /** Shows the chat and focuses its input. */
  focus(): Promise<void>;
  /** State for tests (`switchboard.test.getState`); never contains keys. */
  snapshot(): ChatSnapshot;
  /** The current conversation as the next request will send it. */
  history(): ChatMessage[];
  /** Shows the chat with a new conversation holding one finished exchange. */
  importExchange(prompt: string, answer: string, model: string, meta?: AssistantMeta): Promise<void>;
}

/** Ids fixed by the cross-team contract. */
const CHAT_VIEW_ID = 'switchboard.chatView';
/** @see CHAT_VIEW_ID */
const CHAT_PANEL_TYPE = 'switchboard.chatPanel';

/** Registers the chat view, panel and commands; everything is disposed with the extension. */
export function registerChat(context: vscode.ExtensionContext, port: ChatPort): ChatApi {
  const proposals = new ProposalDiffs();
  const editors = new LastEditorTracker();
  const grouping: { value: PickerGrouping } = { value: 'model' };
  const kv = {
    get: <T>(k: string) => context.globalState.get<T>(k),
    update: (k: string, v: unknown) => Promise.resolve(context.globalState.update(k, v)),
  };
  const files = directoryFiles(path.join(context.globalStorageUri.fsPath, 'conversations'));
  const store = new ConversationStore(files, kv, systemClock, randomUUID, port.logger);
  let controller!: ChatController;
  const pickModel = () => showModelQuickPick(controller.conversations, grouping);
  controller = new ChatController(port, store, createEditorBridge(editors, proposals, pickModel), systemClock, randomUUID);

  let view: vscode.WebviewView | undefined;
  let panel: vscode.WebviewPanel | undefined;
  let focusOnReady = false;
  const endpoints = new Set<HostEndpoint>();

  const bind = (webview: vscode.Webview, placement: 'sidebar' | 'editor') => {
    webview.options = webviewOptions(context.extensionUri);
    webview.html = buildWebviewHtml({ webview, extensionUri: context.extensionUri, kind: 'chat', title: 'Switchboard Chat', placement });
    const binding = bindChatWebview(webview, controller, port.logger, pickModel, (t) => port.redact(t));
    endpoints.add(binding.endpoint);
    binding.endpoint.on('ready', () => {
      controller.pushState(binding.endpoint);
      if (focusOnReady) binding.endpoint.post('focusInput', {});
      focusOnReady = false;
    });
    return { dispose: () => (endpoints.delete(binding.endpoint), binding.dispose()) };
  };

  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(v) {
      view = v;
      const b = bind(v.webview, 'sidebar');
      v.onDidDispose(() => {
        b.dispose();
        if (view === v) view = undefined;
      });
    },
  };

  const adoptPanel = (p: vscode.WebviewPanel) => {
    p.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'switchboard.svg');
    panel = p;
    const b = bind(p.webview, 'editor');
    p.onDidDispose(() => {
      b.dispose();
      if (panel === p) panel = undefined;
    });
  };
  const openPanel = () => {
    if (panel) return panel.reveal(undefined, false);
    adoptPanel(
      vscode.window.createWebviewPanel(CHAT_PANEL_TYPE, 'Switchboard Chat', vscode.ViewColumn.Beside, {
        ...webviewOptions(context.extensionUri),
        retainContextWhenHidden: true,
      }),
    );
  };
  // A chat left open in an editor comes back after a reload; its content comes from the host's
  // store when the webview says ready, so the serialized webview state is not needed.
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(p) {
      p.webview.options = webviewOptions(context.extensionUri);
      if (panel) return p.dispose();
      adoptPanel(p);
    },
  };

  const showView = async () => {
    if (panel?.active) return;
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    view?.show(false);
  };

  const focus = async () => {
    focusOnReady = true;
    if (panel?.visible) panel.reveal(undefined, false);
    else await showView();
    for (const e of endpoints) e.post('focusInput', {});
  };

  context.subscriptions.push(
    proposals.register(),
    editors,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider),
    vscode.window.registerWebviewPanelSerializer(CHAT_PANEL_TYPE, serializer),
    vscode.commands.registerCommand('switchboard.openChat', showView),
    vscode.commands.registerCommand('switchboard.openChatInEditor', openPanel),
    vscode.commands.registerCommand('switchboard.focusChat', focus),
    vscode.commands.registerCommand('switchboard.newConversation', async () => {
      await controller.conversations.newConversation();
      await focus();
    }),
    vscode.commands.registerCommand('switchboard.pickModel', pickModel),
    { dispose: () => controller.answers.stop() },
  );

  return {
    async sendPrompt(input) {
      if (!panel?.visible) await showView();
      await controller.answers.sendPrompt(input);
      await controller.answers.idle();
    },
    focus,
    snapshot: () => controller.snapshot(),
    history: () => controller.conversations.historyMessages(),
    async importExchange(prompt, answer, model, meta) {
      await controller.conversations.importExchange(prompt, answer, model, meta);
      await focus();
    },
  };
}
