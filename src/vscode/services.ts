// Composition of the core for one window. Nothing here runs at activation: the ledger loads
// after startup for the status bar, and the rest (HTTP, catalog, router) on first use.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { saneAttempt } from '../core/attempt-numbers';
import { BudgetGate, BudgetGuard, budgetHooks } from '../core/budgets';
import { ModelCatalog } from '../core/catalog';
import { endpointKey } from '../core/catalog/types';
import { HealthBoard } from '../core/health/health-board';
import { HttpClient, type HttpTransport } from '../core/http/client';
import { SpendLedger } from '../core/ledger';
import { estimateUsage, priceOf } from '../core/pricing';
import type { Price } from '../core/catalog/types';
import type { ProviderRegistry } from '../core/providers/registry';
import { Router, type AttemptContext } from '../core/router/router';
import type { AttemptReport, RouteReport } from '../core/router/types';
import { buildRegistry } from './config/build-registry';
import type { ConfigService } from './config/config-service';
import type { KeyRing } from './keys/key-ring';
import type { SwitchboardLog } from './logging';

/** Everything a feature needs from the core, loaded once per window. */
export interface Core {
  http: HttpTransport;
  registry(): ProviderRegistry;
  keys: KeyRing;
  catalog: ModelCatalog;
  health: HealthBoard;
  ledger: SpendLedger;
  budgets: BudgetGuard;
  router: Router;
  log: SwitchboardLog;
  /** Ledger/budget id of this window's workspace. */
  workspaceId: string;
}

/** Builds the core lazily and keeps it in step with settings. */
export class Services implements vscode.Disposable {
  private corePromise?: Promise<Core>;
  private ledgerInstance?: SpendLedger;
  private healthInstance = new HealthBoard();
  private httpClient?: HttpClient;
  private registryInstance?: ProviderRegistry;
  private budgetGuard?: BudgetGuard;
  private coreBuilt = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last route report of any request in this window (for the e2e hook and logs). */
  lastRouteReport?: RouteReport;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly config: ConfigService,
    readonly keys: KeyRing,
    readonly log: SwitchboardLog,
  ) {
    this.disposables.push(
      config.onDidChange(() => {
        this.registryInstance = undefined;
        const old = this.httpClient;
        this.httpClient = undefined;
        // In-flight streams keep their own dispatcher reference; close the pool once they are likely done.
        if (old) setTimeout(() => void old.close(), 120_000).unref?.();
        void this.corePromise?.then((c) => this.config.reportFound(c.catalog.setPriceOverrides(this.config.settings.priceOverrides))).catch(() => undefined);
      }),
    );
  }

  /** The workspace id under which spend is recorded: the workspace's name, or "(no workspace)". */
  get workspaceId(): string {
    return vscode.workspace.name ?? '(no workspace)';
  }

  /** The providers for the current settings (presets, overrides, custom endpoints). */
  registry(): ProviderRegistry {
    return (this.registryInstance ??= buildRegistry(this.config.settings));
  }

  /** The health board of this window (exists from the start; empty until a request is made). */
  get health(): HealthBoard {
    return this.healthInstance;
  }

  /** The spend ledger, loaded on first call and refreshed by a file watcher so other windows' spend shows up. */
  ledger(): SpendLedger {
    if (this.ledgerInstance) return this.ledgerInstance;
    const dir = path.join(this.context.globalStorageUri.fsPath, 'ledger');
    const ledger = new SpendLedger({ dir, logger: this.log });
    ledger.load();
    try {
      ledger.compact(this.config.settings.ledgerRetentionMonths);
    } catch (e) {
      this.log.warn(`Ledger compaction skipped: ${String(e)}`);
    }
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*'));
    const refresh = () => ledger.refresh();
    // Reads only bytes past what was seen, so the safety-net timer costs a stat per file.
    const timer = setInterval(refresh, 15_000);
    this.disposables.push(watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), { dispose: () => clearInterval(timer) }, { dispose: () => ledger.close() });
    this.ledgerInstance = ledger;
    return ledger;
  }

  /** Budget limits against the ledger (settings are read on every check). */
  budgets(): BudgetGuard {
    return (this.budgetGuard ??= new BudgetGuard(this.ledger(), () => this.config.settings.budgets));
  }

  /** Whether the full core has been built (for the e2e hook: it proves lazy loading). */
  get isCoreLoaded(): boolean {
    return this.coreBuilt;
  }

  /** The HTTP transport for the current timeouts and proxy settings. */
  http(): HttpTransport {
    return { send: (req) => this.client().send(req) };
  }

  /** The whole core, built on first use. */
  core(): Promise<Core> {
    return (this.corePromise ??= this.build().catch((e: unknown) => {
      this.corePromise = undefined;
      throw e;
    }));
  }

  /** The core if it is already built (never triggers a load). */
  async loadedCore(): Promise<Core | undefined> {
    return this.corePromise ? this.corePromise.catch(() => undefined) : undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    void this.httpClient?.close();
  }

  private client(): HttpClient {
    if (this.httpClient) return this.httpClient;
    const s = this.config.settings;
    const proxy = s.useVsCodeProxy ? this.config.editorProxy() : { url: undefined, noProxy: [] };
    this.httpClient = new HttpClient({
      connectTimeoutMs: s.timeouts.connectMs,
      firstByteTimeoutMs: s.timeouts.firstByteMs,
      idleTimeoutMs: s.timeouts.idleMs,
      proxy: proxy.url ? { url: proxy.url, noProxy: proxy.noProxy } : undefined,
    });
    return this.httpClient;
  }

  private async build(): Promise<Core> {
    const http = this.http();
    const keys = this.keys;
    const listModels = async (providerId: string, signal?: AbortSignal) => {
      const d = this.registry().get(providerId);
      if (!d) return [];
      return this.registry().adapterFor(d.family).listModels({ descriptor: d, http, apiKey: await keys.get(d) }, signal);
    };
    const reachable = new Set<string>();
    const refreshReachable = async () => {
      reachable.clear();
      for (const d of this.registry().list()) if (!d.keyRequired || (await keys.get(d))) reachable.add(d.id);
    };
    await refreshReachable();
    const catalog = await ModelCatalog.create({
      logger: this.log,
      http,
      listModels,
      liveProviders: () => [...reachable],
      knownProviders: () => this.registry().list().map((d) => d.id),
      cacheDir: path.join(this.context.globalStorageUri.fsPath, 'catalog'),
    });
    this.config.reportFound(catalog.setPriceOverrides(this.config.settings.priceOverrides));
    const ledger = this.ledger();
    const budgets = this.budgets();
    const workspaceId = this.workspaceId;
    const gate = budgetHooks({
      gate: new BudgetGate(budgets),
      catalog,
      isReachable: (p) => reachable.has(p),
      isLocal: (p) => this.registry().get(p)?.capabilities.local ?? false,
    });
    let providersSeen = JSON.stringify([this.config.settings.providers, this.config.settings.customProviders, this.config.settings.keysFromEnvironment]);
    const router: Router = new Router({
      catalog,
      descriptorOf: (id) => this.registry().get(id),
      adapterFor: (f) => this.registry().adapterFor(f),
      keyOf: (id) => {
        const d = this.registry().get(id);
        return d ? keys.get(d) : Promise.resolve(undefined);
      },
      http,
      health: this.healthInstance,
      preferences: () => {
        const { routingLevels, settings } = this.config.snapshot;
        const allowed = settings.workspaceAllowedProviders.length ? { allowedProviders: settings.workspaceAllowedProviders } : {};
        return { global: routingLevels.user, workspace: { ...routingLevels.workspace, ...allowed } };
      },
      onAttempt: (a, ctx) => {
        this.recordAttempt(ledger, a, ctx);
        gate.settled(a, ctx);
      },
      priceOf: (u, e) => priceOf(u, e, { local: this.registry().get(e.provider)?.capabilities.local ?? false }),
      estimateUsage: (req, out, reasoning, e) => estimateUsage(req.messages, out, `${e.canonicalModel} ${e.modelId}`, reasoning),
      budgetGate: gate.budgetGate,
      onRouteEnd: gate.onRouteEnd,
    });
    this.disposables.push(
      new vscode.Disposable(
        keys.onDidChange((id) => {
          router.keyChanged(id);
          void refreshReachable();
        }).dispose,
      ),
      new vscode.Disposable(catalog.startBackgroundRefresh().dispose),
      this.config.onDidChange(() => {
        const s = this.config.settings;
        const providersNow = JSON.stringify([s.providers, s.customProviders, s.keysFromEnvironment]);
        if (providersNow === providersSeen) return void refreshReachable();
        providersSeen = providersNow;
        // Keys can come from the environment or belong to a provider that moved: the router must
        // ask the key ring again, and a new provider's models should not wait for the next refresh.
        for (const d of this.registry().list()) router.keyChanged(d.id);
        void refreshReachable().then(() => catalog.refresh({ force: true })).catch((e: unknown) => this.log.warn(`Catalog refresh failed: ${keys.redact(String(e))}`));
      }),
    );
    this.coreBuilt = true;
    void catalog.refresh().catch((e: unknown) => this.log.warn(`Catalog refresh failed: ${keys.redact(String(e))}`));
    return { http, registry: () => this.registry(), keys, catalog, health: this.healthInstance, ledger, budgets, router, log: this.log, workspaceId };
  }

  private recordAttempt(ledger: SpendLedger, reported: AttemptReport, ctx: AttemptContext): void {
    if (reported.outcome === 'skipped') return;
    const a = saneAttempt(reported, (m) => this.log.warn(`Spend record (${reported.endpoint.provider}): ${m}`));
    const u = a.usage;
    const saved = u && a.endpoint.price ? cacheSavings(u.cacheReadTokens, a.endpoint.price) : undefined;
    try {
      ledger.append({
        workspace: ctx.workspaceId ?? this.workspaceId,
        conversation: ctx.conversationId,
        model: a.endpoint.canonicalModel,
        provider: a.endpoint.provider,
        endpoint: endpointKey(a.endpoint),
        inputTokens: u?.inputTokens ?? 0,
        outputTokens: u?.outputTokens ?? 0,
        cacheReadTokens: u?.cacheReadTokens ?? 0,
        cacheWriteTokens: u?.cacheWriteTokens ?? 0,
        reasoningTokens: u?.reasoningTokens ?? 0,
        // A failed attempt that never reported usage was not billed: $0, not "unpriced".
        costUsd: a.charge ? a.charge.usd : u ? undefined : 0,
        costStatus: a.charge?.status ?? (u ? 'unpriced' : 'exact'),
        cacheSavedUsd: saved !== undefined && saved > 0 ? saved : undefined,
        ttftMs: a.ttftMs,
        durationMs: a.durationMs,
        outcome: a.outcome,
        fallback: a.fallback,
        errorCategory: a.errorCategory,
      });
    } catch (e) {
      // A full disk must not break the chat; the user still sees the cost in the footer.
      this.log.error(`Could not record spend: ${String(e)}`);
    }
  }
}

/** USD saved by cache reads versus paying the full input rate for those tokens. */
function cacheSavings(cacheReadTokens: number, price: Price): number | undefined {
  if (cacheReadTokens <= 0 || price.cacheReadPerMTok === undefined) return undefined;
  return (cacheReadTokens * (price.inputPerMTok - price.cacheReadPerMTok)) / 1e6;
}
