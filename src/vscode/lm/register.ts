// Registers Switchboard's language-model vendor, the @switchboard participant and the vendor's
// management command. Nothing here loads the core: that happens when models are first asked for.
import * as vscode from 'vscode';
import type { ChatPort } from '../../app/chat/chat-port';
import type { Services } from '../services';
import { SwitchboardLmProvider } from './lm-provider';
import { watchOffer } from './offer-watch';
import { participantHandler, type ParticipantRequest, type ParticipantResult, type ParticipantStream } from './participant';

/** The vendor id in `contributes.languageModelChatProviders`. */
const LM_VENDOR = 'switchboard';
/** The participant id in `contributes.chatParticipants`. */
const PARTICIPANT_ID = 'switchboard';

/** What the e2e hook drives: the participant's handler with a scripted stream. */
export type RunParticipant = (
  request: ParticipantRequest,
  history: readonly unknown[],
  stream: ParticipantStream,
) => Promise<ParticipantResult>;

/** Registers everything; returns the disposables and the participant handler for tests. */
export function registerLanguageModels(
  context: vscode.ExtensionContext,
  services: Services,
  chatPort: ChatPort,
): { disposables: vscode.Disposable[]; runParticipant: RunParticipant } {
  const route = (req: Parameters<ChatPort['route']>[0], origin: string) => chatPort.route(req, origin);
  const provider = new SwitchboardLmProvider({
    core: () => services.core(),
    route,
    settings: () => services.config.settings,
    routing: () => services.config.snapshot.routingLevels,
    onServed: () => watch.kick(),
  });
  const handler = participantHandler(
    { core: () => services.core(), route, provider, defaultModel: () => chatPort.defaultModel() },
    LM_VENDOR,
  );
  const watch = watchOffer({
    loadedCore: () => services.loadedCore(),
    offer: (core) => provider.currentOffer(core),
    served: () => provider.served,
    fire: () => provider.fireChanged(),
    onKeys: (l) => new vscode.Disposable(services.keys.onDidChange(() => l()).dispose),
    onSettings: (l) => services.config.onDidChange(() => l()),
  });
  const disposables: vscode.Disposable[] = [
    provider,
    watch,
    vscode.commands.registerCommand('switchboard.manageModels', () => manageModels()),
  ];
  try {
    disposables.push(vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider));
    const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (req, ctx, stream, token) => handler(req, ctx, stream, token));
    participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    disposables.push(participant);
  } catch (e) {
    // An editor without the chat API still gets every other feature.
    services.log.warn(`Language-model API unavailable: ${String(e)}`);
  }
  const none = new vscode.CancellationTokenSource();
  disposables.push(none);
  return { disposables, runParticipant: (request, history, stream) => handler(request, { history }, stream, none.token) };
}

/** The vendor's management command: keys, and which models are offered. */
async function manageModels(): Promise<void> {
  const items: (vscode.QuickPickItem & { run: () => Thenable<unknown> })[] = [
    {
      label: '$(key) Set API Key',
      detail: 'Models appear for every provider with a key (local servers need none).',
      run: () => vscode.commands.executeCommand('switchboard.setApiKey'),
    },
    { label: '$(trash) Remove API Key', run: () => vscode.commands.executeCommand('switchboard.removeApiKey') },
    {
      label: '$(list-ordered) Edit Fallback Chains',
      detail: 'switchboard.modelChains: named chains offered as models',
      run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.modelChains'),
    },
    {
      label: '$(pin) Offer Pinned Hosts',
      detail: 'switchboard.languageModelPinnedHosts: one model per host, no routing',
      run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.languageModelPinnedHosts'),
    },
    {
      label: '$(arrow-swap) Routing Preferences',
      detail: 'switchboard.routing: how hosts are ordered',
      run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.routing'),
    },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Switchboard: Manage Language Models',
    placeHolder: 'Keys decide which models are offered',
  });
  await pick?.run();
}
