// Composition of the core for one window. Nothing here runs at activation: the ledger loads
// after startup for the status bar, and the rest (HTTP, catalog, router) on first use.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BudgetGuard } from '../core/budgets';
import { openrouterFeedBase } from '../core/catalog/openrouter-feed-source';
import { OPENROUTER_ID } from '../core/catalog/provider-ids';
import { createEngine, type Engine } from '../core/engine';
import { HealthBoard } from '../core/health/health-board';
import { HttpClient, type HttpTransport } from '../core/http/client';
import { SpendLedger } from '../core/ledger';
import { buildRegistry } from '../core/providers/build-registry';
import type { ProviderRegistry } from '../core/providers/registry';
import type { RouteReport } from '../core/router/types';
import type { ConfigService } from './config/config-service';
import type { KeyRing } from '../app/keys/key-ring';
import type { SwitchboardLog } from './logging';

/** Everything a feature needs once the core is loaded: the engine, and the editor's key ring and log. */
export interface Core {
  engine: Engine;
  keys: KeyRing;
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
  private engine?: Engine;

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
        void this.corePromise
          ?.then((c) => this.config.reportFound(c.engine.catalog.setPriceOverrides(this.config.settings.priceOverrides)))
          .catch(() => undefined);
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
    this.disposables.push(
      watcher,
      watcher.onDidChange(refresh),
      watcher.onDidCreate(refresh),
      { dispose: () => clearInterval(timer) },
      { dispose: () => ledger.close() },
    );
    this.ledgerInstance = ledger;
    return ledger;
  }

  /** Budget limits against the ledger (settings are read on every check). */
  budgets(): BudgetGuard {
    return (this.budgetGuard ??= new BudgetGuard(this.ledger(), () => this.config.settings.budgets));
  }

  /** The last route report of any request in this window (for the e2e hook and logs). */
  get lastRouteReport(): RouteReport | undefined {
    return this.engine?.lastRouteReport;
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
    const keys = this.keys;
    const engine = await createEngine({
      http: this.http(),
      keys,
      registry: () => this.registry(),
      settings: () => {
        const { routingLevels, settings } = this.config.snapshot;
        return { routing: routingLevels, workspaceAllowedProviders: settings.workspaceAllowedProviders };
      },
      ledger: () => this.ledger(),
      budgets: () => this.budgets(),
      health: this.healthInstance,
      logger: this.log,
      workspaceId: () => this.workspaceId,
      catalogCacheDir: path.join(this.context.globalStorageUri.fsPath, 'catalog'),
      openrouterFeed: () => openrouterFeedBase(this.config.settings.openrouterFeed, this.registry().get(OPENROUTER_ID)),
    });
    const catalog = engine.catalog;
    this.config.reportFound(catalog.setPriceOverrides(this.config.settings.priceOverrides));
    let providersSeen = JSON.stringify([
      this.config.settings.providers,
      this.config.settings.customProviders,
      this.config.settings.keysFromEnvironment,
    ]);
    const warnRefresh = (e: unknown) => this.log.warn(`Catalog refresh failed: ${keys.redact(String(e))}`);
    this.disposables.push(
      new vscode.Disposable(keys.onDidChange((id) => void engine.keyChanged(id)).dispose),
      new vscode.Disposable(catalog.startBackgroundRefresh().dispose),
      this.config.onDidChange(() => {
        const s = this.config.settings;
        const providersNow = JSON.stringify([s.providers, s.customProviders, s.keysFromEnvironment]);
        if (providersNow === providersSeen) return void engine.refreshReachable();
        providersSeen = providersNow;
        // Keys can come from the environment or belong to a provider that moved: the router must
        // ask the key ring again, and a new provider's models should not wait for the next refresh.
        void engine.providersChanged().catch(warnRefresh);
      }),
    );
    this.engine = engine;
    this.coreBuilt = true;
    void catalog.refresh().catch(warnRefresh);
    return { engine, keys, log: this.log, workspaceId: this.workspaceId };
  }
}
