// The engine: the one object every front end (chat panel, compare, selection commands, the
// language-model API, the chat participant, the local gateway) sends requests through. It owns
// the registry view, catalog, health, router, pricing, budgets and ledger recording, so a front
// end only says what it wants and where the request came from.
import { saneAttempt } from '../attempt-numbers';
import { BudgetGate, budgetHooks, type BudgetHooks } from '../budgets';
import type { BudgetGuard } from '../budgets/budget-guard';
import { ModelCatalog } from '../catalog';
import type { Charge, Endpoint } from '../catalog/types';
import type { HealthBoard } from '../health/health-board';
import type { HttpTransport } from '../http/client';
import type { SpendLedger } from '../ledger';
import type { Logger } from '../platform';
import { countPromptTokens, estimateUsage, priceOf } from '../pricing';
import type { ProviderDescriptor } from '../providers/descriptor';
import type { ProviderRegistry } from '../providers/registry';
import type { CompareLane } from '../router/compare';
import type { BrokenAnswer } from '../router/continuation';
import type { RoutePlan } from '../router/route-plan';
import { Router, type RouterDeps } from '../router/router';
import type { ModelRef, RequestOrigin, RoutePreferences, RouteReport, RoutedRequest, RouterEvent } from '../router/types';
import type { ChatMessage, Usage } from '../types';
import { ledgerEntryOf } from './attempt-record';
import { choiceNeeds, choicePreferences, chooseModels, type ModelChoice, type ModelChoiceKind } from './model-choice';

/** One request as a front end sends it: a routed request plus where it came from. */
export interface EngineRequest extends Omit<RoutedRequest, 'origin'> {
  origin: RequestOrigin;
}

/** The settings the engine reads on every request, so changes apply live. */
export interface EngineSettings {
  routing: { user?: RoutePreferences; workspace?: RoutePreferences };
  /** A workspace allow-list of providers; empty allows all. */
  workspaceAllowedProviders: readonly string[];
}

/** Where keys come from (SecretStorage in the editor, the environment when headless). */
export interface KeySource {
  get(descriptor: ProviderDescriptor): Promise<string | undefined>;
  redact(text: string): string;
}

/** What the host gives the engine. Everything slow to build is passed as a getter, built on first use. */
interface EngineDeps {
  http: HttpTransport;
  keys: KeySource;
  registry(): ProviderRegistry;
  settings(): EngineSettings;
  ledger(): SpendLedger;
  budgets(): BudgetGuard;
  health: HealthBoard;
  logger: Logger;
  /** The workspace spend is recorded under when a request names none. */
  workspaceId(): string;
  /** Where the catalog keeps its cache between sessions; none keeps it in memory only. */
  catalogCacheDir?: string;
  /** OpenRouter's feed base URL as the settings say now (undefined: no fetch); without it the catalog's default. */
  openrouterFeed?: () => string | undefined;
  /** Tests: router timing and retry knobs. */
  router?: Pick<RouterDeps, 'clock' | 'sleep' | 'random' | 'retry'>;
}

/** Builds the engine: loads the catalog (from its cache when there is one) and wires the router. */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const reachable = new Set<string>();
  const listModels = async (providerId: string, signal?: AbortSignal) => {
    const d = deps.registry().get(providerId);
    if (!d) return [];
    return deps
      .registry()
      .adapterFor(d.family)
      .listModels({ descriptor: d, http: deps.http, apiKey: await deps.keys.get(d) }, signal);
  };
  const catalog = await ModelCatalog.create({
    logger: deps.logger,
    http: deps.http,
    listModels,
    liveProviders: () => [...reachable],
    knownProviders: () =>
      deps
        .registry()
        .list()
        .map((d) => d.id),
    cacheDir: deps.catalogCacheDir,
    openrouterFeed: deps.openrouterFeed,
  });
  const engine = new Engine(deps, catalog, reachable);
  await engine.refreshReachable();
  return engine;
}

/** Routes, budgets, prices and records every request of every front end. */
export class Engine {
  readonly router: Router;
  /** The last route report of any request (for logs and the editor's test hook). */
  lastRouteReport?: RouteReport;
  /** Requests in flight that already recorded an attempt: their next attempts do not start a request. */
  private readonly recordedRoutes = new Set<string>();

  constructor(
    private readonly deps: EngineDeps,
    readonly catalog: ModelCatalog,
    private readonly reachable: Set<string>,
  ) {
    const isLocal = (p: string) => deps.registry().get(p)?.capabilities.local ?? false;
    // One gate per engine, so every front end's requests hold their estimates in one book. Built
    // on the first request: the budgets (and so the ledger) load only when something is sent.
    let hooks: BudgetHooks | undefined;
    const budget = () =>
      (hooks ??= budgetHooks({ gate: new BudgetGate(deps.budgets()), catalog, isReachable: (p) => reachable.has(p), isLocal }));
    this.router = new Router({
      ...deps.router,
      catalog,
      descriptorOf: (id) => deps.registry().get(id),
      adapterFor: (f) => deps.registry().adapterFor(f),
      keyOf: (id) => {
        const d = deps.registry().get(id);
        return d ? deps.keys.get(d) : Promise.resolve(undefined);
      },
      http: deps.http,
      health: deps.health,
      preferences: () => {
        const s = deps.settings();
        const allowed = s.workspaceAllowedProviders.length ? { allowedProviders: [...s.workspaceAllowedProviders] } : {};
        return { global: s.routing.user, workspace: { ...s.routing.workspace, ...allowed } };
      },
      onAttempt: (a, ctx) => {
        this.record(ctx.routeId, () =>
          ledgerEntryOf(
            saneAttempt(a, (m) => deps.logger.warn(`Spend record (${a.endpoint.provider}): ${m}`)),
            ctx,
            deps.workspaceId(),
          ),
        );
        budget().settled(a, ctx);
      },
      onRouteReport: (r) => (this.lastRouteReport = r),
      priceOf: (u, e) => priceOf(u, e, { local: isLocal(e.provider) }),
      estimateUsage: (req, out, reasoning, e) => estimateUsage(req.messages, out, `${e.canonicalModel} ${e.modelId}`, reasoning),
      budgetGate: (plan, req, ctx) => budget().budgetGate(plan, req, ctx),
      onRouteEnd: (ctx) => {
        this.recordedRoutes.delete(ctx.routeId);
        budget().onRouteEnd(ctx);
      },
    });
  }

  get health(): HealthBoard {
    return this.deps.health;
  }

  registry(): ProviderRegistry {
    return this.deps.registry();
  }

  ledger(): SpendLedger {
    return this.deps.ledger();
  }

  budgets(): BudgetGuard {
    return this.deps.budgets();
  }

  /** The one entry point: routes a request and streams its events, ending with the route report. */
  chat(req: EngineRequest): AsyncIterable<RouterEvent> {
    return this.router.route(this.withDefaults(req));
  }

  /**
   * Continues an answer that broke mid-stream: the conversation plus its partial text and the one
   * continue instruction, on a host that did not fail in its turn when another can serve.
   */
  continueElsewhere(req: EngineRequest, broken: BrokenAnswer): AsyncIterable<RouterEvent> {
    return this.router.continueElsewhere(this.withDefaults(req), broken);
  }

  /** One prompt to 2–4 models at once; each lane is routed, budgeted and recorded on its own. */
  compare(models: readonly ModelRef[], req: Omit<EngineRequest, 'models'>): CompareLane[] {
    return this.router.compare(models, { ...req, workspaceId: req.workspaceId ?? this.deps.workspaceId() });
  }

  /** How a request would be routed now, without calling anything. */
  plan(req: Omit<EngineRequest, 'origin'> & { origin?: RequestOrigin }): Promise<RoutePlan> {
    return this.router.plan({ ...req, workspaceId: req.workspaceId ?? this.deps.workspaceId() });
  }

  /**
   * The models a virtual model ("cheapest capable", "fastest") sends this request to, in order,
   * planned over every reachable model so routing's own skips apply; undefined when none fits.
   */
  async choose(
    kind: ModelChoiceKind,
    req: Pick<RoutedRequest, 'messages' | 'tools' | 'responseFormat' | 'maxOutputTokens'>,
  ): Promise<ModelChoice | undefined> {
    const usable = (p: string) => this.deps.registry().get(p) !== undefined && this.reachable.has(p);
    const listing = new Map(this.catalog.listing(usable).map((m) => [m.model, m]));
    if (listing.size === 0) return undefined;
    const plan = await this.plan({ ...req, models: [...listing.keys()], preferences: choicePreferences(kind) });
    const needs = choiceNeeds(req.messages, countPromptTokens(req.messages, ''), req.maxOutputTokens);
    return chooseModels(kind, plan, needs, {
      ttftOf: (c) => this.deps.health.estimate(c.key, c.endpoint.provider).ttftMs,
      modelContext: (m) => listing.get(m)?.contextWindow,
    });
  }

  /**
   * Usage and charge of an answer the router could not price itself (stopped before the host
   * sent usage): tokens counted here, so the charge is `estimated`, `free` on a local host, or
   * `unpriced`. The endpoint is the one that answered, else the model's first host.
   */
  estimate(input: {
    model: string;
    endpoint?: Endpoint;
    messages: readonly ChatMessage[];
    outputText: string;
  }): { usage: Usage; charge: Charge } | undefined {
    const endpoint = input.endpoint ?? this.catalog.resolve(input.model)?.endpoints[0];
    if (!endpoint) return undefined;
    const usage = estimateUsage(input.messages, input.outputText, `${endpoint.canonicalModel} ${endpoint.modelId}`);
    const local = this.deps.registry().get(endpoint.provider)?.capabilities.local ?? false;
    return { usage, charge: priceOf(usage, endpoint, { local, estimated: true }) };
  }

  /** Providers with a usable key (or none needed), as of the last refresh. */
  isReachable(providerId: string): boolean {
    return this.reachable.has(providerId);
  }

  /** Re-reads which providers have keys. */
  async refreshReachable(): Promise<void> {
    const next = new Set<string>();
    for (const d of this.deps.registry().list()) if (!d.keyRequired || (await this.deps.keys.get(d))) next.add(d.id);
    this.reachable.clear();
    for (const id of next) this.reachable.add(id);
  }

  /** A key was set or removed: the router asks again, and reachability follows. */
  keyChanged(providerId: string): Promise<void> {
    this.router.keyChanged(providerId);
    return this.refreshReachable();
  }

  /** Providers were added, removed or moved: every key is asked again and the catalog refreshed. */
  async providersChanged(): Promise<void> {
    for (const d of this.deps.registry().list()) this.router.keyChanged(d.id);
    await this.refreshReachable();
    await this.catalog.refresh({ force: true });
  }

  private withDefaults(req: EngineRequest): RoutedRequest {
    return { ...req, workspaceId: req.workspaceId ?? this.deps.workspaceId() };
  }

  private record(routeId: string, entry: () => ReturnType<typeof ledgerEntryOf>): void {
    try {
      const e = entry();
      if (!e) return;
      e.requestStart = !this.recordedRoutes.has(routeId);
      this.deps.ledger().append(e);
      // After the write: when it failed, the request is still counted by its next attempt.
      this.recordedRoutes.add(routeId);
    } catch (err) {
      // A full disk must not break the answer; the user still sees the cost in the footer.
      this.deps.logger.error(`Could not record spend: ${this.deps.keys.redact(String(err))}`);
    }
  }
}
