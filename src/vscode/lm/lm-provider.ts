// Switchboard as a VS Code language-model vendor: every routed model, answered through the engine
// with origin `lm-api`. Registered at activation; the core loads when models are first asked for.
import * as vscode from 'vscode';
import { adviseFailure, type LmFailure } from '../../app/lm/error-advice';
import { CORE_SUPPORTS_TOOLS, hasImages, toChatMessages, type LmMessageShape } from '../../app/lm/message-map';
import { buildOffer, routeOf, type OfferedModel, type OfferSource } from '../../app/lm/model-offer';
import { requestOptions } from '../../app/lm/request-options';
import { countPromptTokens, countTextTokens } from '../../core/pricing';
import type { RouteReport, RoutedRequest, RouterEvent } from '../../core/router/types';
import type { RoutingLevels } from '../../app/config/read-settings';
import type { Settings } from '../../app/config/schema';
import type { Core } from '../services';
import { offerSource, ttftOf } from './offer-source';
import { offerSignature } from './offer-watch';

/** What the provider needs from the extension. */
export interface LmProviderDeps {
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
  private offer: { rows: OfferedModel[]; src: OfferSource } | undefined;
  /** Signature of the rows VS Code was last given, for the watcher. */
  served: string | undefined;

  constructor(private readonly deps: LmProviderDeps) {}

  /** Tells VS Code to ask for the models again (see offer-watch). */
  fireChanged(): void {
    this.changed.fire();
  }

  /** The offer as last computed, for the watcher's comparison. */
  async currentOffer(core: Core): Promise<OfferedModel[]> {
    const src = offerSource(core, this.deps.settings(), this.deps.routing());
    const rows = buildOffer(src);
    this.offer = { rows, src };
    return rows;
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
    const mapped = toChatMessages(messages as readonly LmMessageShape[], { tools: CORE_SUPPORTS_TOOLS });
    const route = await this.routeFor(core, model.id, mapped);
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
    try {
      const req: RoutedRequest = {
        models: route.models,
        messages: mapped,
        ...requestOptions(options.modelOptions),
        preferences: route.preferences,
        // The caller chose a model: another one only when the user opted in to comparable fallback.
        allowComparableFallback: levels.workspace.allowComparableFallback ?? levels.user.allowComparableFallback ?? false,
        signal: ctrl.signal,
      };
      for await (const ev of this.deps.route(req, 'lm-api')) {
        if (token.isCancellationRequested) break;
        if (ev.type === 'text-delta') progress.report(new vscode.LanguageModelTextPart(ev.text));
        else if (ev.type === 'error') error = ev.error;
        else if (ev.type === 'route-report') report = ev.report;
      }
    } finally {
      sub.dispose();
      ctrl.abort();
    }
    if (error && !token.isCancellationRequested && error.category !== 'cancelled') throw lmError(adviseFailure(error, model.name, report));
  }

  async provideTokenCount(model: Info, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    // The pre-send estimate's counter, keyed the way the engine keys it (canonical and host id).
    const core = await this.deps.core();
    const key = tokenizerKey(core, model.id);
    if (typeof text === 'string') return countTextTokens(text, key);
    return countPromptTokens(toChatMessages([text as LmMessageShape], { tools: CORE_SUPPORTS_TOOLS }), key);
  }

  /** How an offered id (virtual, chain, canonical or pinned) is routed for these messages. */
  async routeFor(core: Core, id: string, messages: ReturnType<typeof toChatMessages>) {
    if (!this.offer) await this.currentOffer(core);
    const offer = this.offer!;
    // Counting tokens is only needed to choose among models for the virtual ones.
    const needs = () => ({ inputTokens: countPromptTokens(messages, id), images: hasImages(messages) });
    return routeOf(id, offer.rows, offer.src, needs, ttftOf(core, offer.src));
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

function lmError(f: LmFailure): vscode.LanguageModelError {
  if (f.kind === 'blocked') return vscode.LanguageModelError.Blocked(f.message);
  if (f.kind === 'no-permissions') return vscode.LanguageModelError.NoPermissions(f.message);
  if (f.kind === 'not-found') return vscode.LanguageModelError.NotFound(f.message);
  return new vscode.LanguageModelError(f.message);
}
