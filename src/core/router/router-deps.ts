// What the router takes from the outside world, and what it tells it. Its own file so the
// router's parts (budget step, attempt loop, report) can share these types without a cycle.
import type { CatalogView, Charge, Endpoint } from '../catalog/types';
import type { HealthBoard } from '../health/health-board';
import type { HttpTransport } from '../http/client';
import type { ProtocolAdapter, ProtocolFamily, ProviderDescriptor } from '../providers/descriptor';
import type { Clock } from '../platform';
import type { Usage } from '../types';
import type { RetryOptions } from './backoff';
import type { UsageEstimator } from './attempt-runner';
import type { RoutePlan } from './route-plan';
import type { AttemptReport, ModelRef, RequestOrigin, RoutePreferences, RouteReport, RoutedRequest } from './types';

/** What the budget check decides before any call. */
export type BudgetDecision = { action: 'allow' } | { action: 'warn' | 'block' | 'downgrade'; message: string; downgradeTo?: ModelRef };

/** Identifies the routed request an attempt belongs to (for the ledger). */
export interface AttemptContext {
  routeId: string;
  requestedModels: readonly ModelRef[];
  conversationId?: string;
  workspaceId?: string;
  origin?: RequestOrigin;
  client?: string;
}

/** Everything the router needs from the outside world. */
export interface RouterDeps {
  catalog: CatalogView;
  descriptorOf(providerId: string): ProviderDescriptor | undefined;
  adapterFor(family: ProtocolFamily): ProtocolAdapter;
  /** The key ring. Called per request for the providers involved; call `keyChanged` when a key is set or removed. */
  keyOf(providerId: string): Promise<string | undefined>;
  http: HttpTransport;
  health?: HealthBoard;
  clock?: Clock;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number;
  /** Global and workspace preference levels, read on every request so settings apply live. */
  preferences?: () => { global?: RoutePreferences; workspace?: RoutePreferences };
  /** Called once per real call (not for skips), failed ones included. */
  onAttempt?: (attempt: AttemptReport, ctx: AttemptContext) => void;
  /** Called once per routed request with its final report, also when the reader stopped early. */
  onRouteReport?: (report: RouteReport, ctx: AttemptContext) => void;
  budgetGate?: (plan: RoutePlan, request: RoutedRequest, ctx: AttemptContext) => BudgetDecision | Promise<BudgetDecision>;
  /** Called once when a routed request ends, however its consumer stopped (ends budget reservations). */
  onRouteEnd?: (ctx: AttemptContext) => void;
  priceOf?: (usage: Usage, endpoint: Endpoint) => Charge | undefined;
  /** Usage of an attempt that streamed output but reported none (stopped, or cut off); priced as `estimated`. */
  estimateUsage?: UsageEstimator;
  retry?: Partial<RetryOptions>;
}
