// Switchboard as a VS Code language-model vendor: every routed model, answered through the engine
// with origin `lm-api`. Registered at activation; the core loads when models are first asked for.
import * as vscode from 'vscode';
import { adviseFailure, type LmFailure } from '../../app/lm/error-advice';
import { toChatMessages, type LmMessageShape } from '../../app/lm/message-map';
import { buildOffer, routeOf, type OfferedModel } from '../../app/lm/model-offer';
import { requestOptions } from '../../app/lm/request-options';
import { ResponseReader, type LmOutPart } from '../../app/lm/response-parts';
import { readRouteAnswer } from '../../app/lm/route-answer';
import { ToolCallMemo } from '../../app/lm/tool-call-memo';
import { toolOptions } from '../../app/lm/tool-options';
import { countPromptTokens, countTextTokens } from '../../core/pricing';
import type { ChatMessage, ToolDefinition } from '../../core/types';
import type { RoutePreferences, RouteReport, RoutedRequest, RouterEvent } from '../../core/router/types';
import type { RoutingLevels } from '../../app/config/read-settings';
import type { Settings } from '../../app/config/schema';
import type { Core } from '../services';
import { offerSource } from './offer-source';
import { offerSignature } from './offer-watch';

/** What the provider needs from the extension. */
interface LmProviderDeps {
  core(): Promise<Core>;
  /** The chat port's route: the engine plus the per-request log line. */
  route(req: RoutedRequest, origin: string): AsyncIterable<RouterEvent>;
  settings(): Settings;
  routing(): RoutingLevels;
  /** Called each time VS Code was given the models. */
  onServed?(): void;
}

/** The error fields the advice reads. */
type FailureInput = Parameters<typeof adviseFailure>[0];

/** The offered rows are LanguageModelChatInformation as they are. */
type Info = OfferedModel & vscode.LanguageModelChatInformation;

export class SwitchboardLmProvider implements vscode.LanguageModelChatProvider<Info> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  /** Signature of the rows VS Code was last given, for the watcher. */
  served: string | undefined;
  /** What tool calls carried that the API's parts cannot, for the next request of each loop. */
  private readonly calls = new ToolCallMemo();

  constructor(private readonly deps: LmProviderDeps) {}

  /** Tells VS Code to ask for the models again (see offer-watch). */
  fireChanged(): void {
    this.changed.fire();
  }

  /** The offer as it stands now, for the watcher's comparison. */
  async currentOffer(core: Core): Promise<OfferedModel[]> {
    return buildOffer(offerSource(core, this.deps.settings(), this.deps.routing()));
  }

  async provideLanguageModelChatInformation(): Promise<Info[]> {
    const rows = await this.currentOffer(await this.deps.core());
    this.served = offerSignature(rows);
    this.deps.onServed?.();
    return rows as Info[];
  }

  async provideLanguageModelChatResponse(
    model: Info,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (token.isCancellationRequested) return;
    const core = await this.deps.core();
    const tools = toolOptions(options.tools, options.toolMode);
    if (!tools.ok) throw new vscode.LanguageModelError(tools.message);
    const mapped = toChatMessages(messages as readonly LmMessageShape[], {
      tools: tools.value.tools !== undefined,
      extrasOf: (id) => this.calls.extrasOf(id),
    });
    const mappedOptions = requestOptions(options.modelOptions);
    const route = await this.routeFor(core, model.id, mapped, { tools: tools.value.tools, maxOutputTokens: mappedOptions.maxOutputTokens });
    if (!route)
      throw lmError({
        kind: 'not-found',
        message: `No reachable model fits this request for ${model.name}. Add a key with "Switchboard: Set API Key", or pick a model with a larger context.`,
      });
    const ctrl = new AbortController();
    // Aborting closes the provider's socket: the router aborts the attempt's fetch.
    const sub = token.onCancellationRequested(() => ctrl.abort());
    const levels = this.deps.routing();
    let error: FailureInput | undefined;
    let report: RouteReport | undefined;
    let routeEnded: Promise<void> | undefined;
    const reader = new ResponseReader(this.calls);
    try {
      const req: RoutedRequest = {
        models: route.models,
        messages: mapped,
        ...mappedOptions,
        ...tools.value,
        preferences: route.preferences,
        // The caller chose a model: another one only when the user opted in to comparable fallback.
        allowComparableFallback: levels.workspace.allowComparableFallback ?? levels.user.allowComparableFallback ?? false,
        signal: ctrl.signal,
      };
      const answer = await readRouteAnswer(this.deps.route(req, 'lm-api'), {
        partOf: (ev) => reader.partOf(ev),
        report: (part) => progress.report(toApiPart(part)),
        cancelled: () => token.isCancellationRequested,
      });
      ({ error, report, routeEnded } = answer);
    } finally {
      // The route may still be settling after the answer is complete; cancelling stays possible until it has.
      const release = () => {
        sub.dispose();
        ctrl.abort();
      };
      if (routeEnded) void routeEnded.then(release);
      else release();
    }
    if (error && !token.isCancellationRequested && error.category !== 'cancelled') throw lmError(adviseFailure(error, model.name, report));
    const invalid = reader.invalidCallMessage();
    if (invalid && !token.isCancellationRequested) throw new vscode.LanguageModelError(invalid);
  }

  async provideTokenCount(model: Info, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    // The pre-send estimate's counter, keyed the way the engine keys it (canonical and host id).
    const core = await this.deps.core();
    const key = tokenizerKey(core, model.id);
    if (typeof text === 'string') return countTextTokens(text, key);
    return countPromptTokens(toChatMessages([text as LmMessageShape], { tools: true }), key);
  }

  /** How an offered id (virtual, chain, canonical or pinned) is routed for these messages; undefined when nothing fits. */
  async routeFor(
    core: Core,
    id: string,
    messages: ChatMessage[],
    needs: { tools?: ToolDefinition[]; maxOutputTokens?: number } = {},
  ): Promise<{ models: string[]; preferences?: RoutePreferences } | undefined> {
    const route = routeOf(id, { chains: this.deps.settings().modelChains });
    if (!route || 'models' in route) return route;
    return core.engine.choose(route.choose, { messages, ...needs });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** `canonical hostModelId` of the first host, as the engine's estimate uses; the id itself for virtual models. */
function tokenizerKey(core: Core, id: string): string {
  const e = core.engine.catalog.resolve(id)?.endpoints[0];
  return e ? `${e.canonicalModel} ${e.modelId}` : id;
}

function toApiPart(p: LmOutPart): vscode.LanguageModelResponsePart {
  if (p.kind === 'text') return new vscode.LanguageModelTextPart(p.text);
  return new vscode.LanguageModelToolCallPart(p.callId, p.name, p.input);
}

function lmError(f: LmFailure): vscode.LanguageModelError {
  if (f.kind === 'blocked') return vscode.LanguageModelError.Blocked(f.message);
  if (f.kind === 'no-permissions') return vscode.LanguageModelError.NoPermissions(f.message);
  if (f.kind === 'not-found') return vscode.LanguageModelError.NotFound(f.message);
  return new vscode.LanguageModelError(f.message);
}
