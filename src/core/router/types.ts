// Public shapes of routing: what a caller asks for and what it gets back.
import type { Charge, Endpoint } from '../catalog/types';
import type { ErrorCategory } from '../errors';
import type {
  ChatMessage,
  ProviderOptions,
  ReasoningControl,
  ResponseFormat,
  StreamEvent,
  ToolChoice,
  ToolDefinition,
  Usage,
  Warning,
} from '../types';

/** A canonical model (`anthropic/claude-sonnet-4.5`) or a provider-pinned one (`groq:llama-3.3-70b-versatile`). */
export type ModelRef = string;

/** How to order hosts. `balanced` weighs price, latency and health (see docs). */
export type SortStrategy = 'price' | 'latency' | 'throughput' | 'balanced';

/** Routing preferences; global, workspace and per-request levels merge in that order. */
export interface RoutePreferences {
  sort?: SortStrategy;
  /** Use only these providers. */
  only?: string[];
  /** Never use these providers. */
  ignore?: string[];
  /** Upper bound on price per million tokens. */
  maxPrice?: { inputPerMTok?: number; outputPerMTok?: number };
  /** Only providers known not to train on prompts. */
  noTraining?: boolean;
  /** Workspace allow-list, e.g. only local providers in this repository. */
  allowedProviders?: string[];
  /** Upper bound on attempts, retries included (default 4). */
  maxAttempts?: number;
  /** Comparable models to move to when every host of a model is down: model → ordered alternatives. */
  comparableModels?: Record<ModelRef, ModelRef[]>;
  /** Opt in to the comparable-model fallback. */
  allowComparableFallback?: boolean;
}

/** Which front end a request came from; the ledger records it and the dashboard splits by it. */
export const REQUEST_ORIGINS = ['chat', 'compare', 'selection', 'lm-api', 'participant', 'gateway'] as const;
export type RequestOrigin = (typeof REQUEST_ORIGINS)[number];

/** A chat request as the router takes it. */
export interface RoutedRequest {
  /** One model, or an ordered fallback list (like OpenRouter's `models`). */
  models: ModelRef[];
  messages: ChatMessage[];
  temperature?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  providerOptions?: ProviderOptions;
  /** Endpoints that cannot call tools are skipped when tools are given. */
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  reasoning?: ReasoningControl;
  /** Endpoints that cannot answer in a schema are skipped when one is given. */
  responseFormat?: ResponseFormat;
  preferences?: RoutePreferences;
  /** Keeps a conversation on one endpoint while it is healthy (prompt-cache affinity). */
  conversationId?: string;
  workspaceId?: string;
  /** The front end that sent it (see the engine); recorded with every attempt. */
  origin?: RequestOrigin;
  /** The program behind the front end, when known (a gateway client's User-Agent: "claude-cli"). */
  client?: string;
  /** Move to a configured comparable model when every host of the requested one is down. */
  allowComparableFallback?: boolean;
  /** Upper bound on attempts, retries included (default 4). */
  maxAttempts?: number;
  signal?: AbortSignal;
}

/** One try at one endpoint, or a decision to skip it. */
export interface AttemptReport {
  endpoint: Endpoint;
  outcome: 'success' | 'failed' | 'skipped' | 'cancelled' | 'partial';
  /** Why it was skipped or failed, in words a user can read. */
  reason?: string;
  errorCategory?: ErrorCategory;
  status?: number;
  /** Retry number at this endpoint (0 = first try). */
  retry: number;
  /** True when this attempt is not at the first-choice endpoint. */
  fallback: boolean;
  startedAt: number;
  durationMs: number;
  ttftMs?: number;
  /** Output tokens per second after the first token, when the attempt produced output. */
  tokensPerSec?: number;
  usage?: Usage;
  /** The provider sent no usage; `usage` was counted locally from the request and the output received. */
  usageEstimated?: boolean;
  charge?: Charge;
  /** Parameters the provider's adapter dropped or changed for this attempt. */
  warnings?: Warning[];
}

/** A warning of one attempt, naming the host it came from. */
export interface RouteWarning extends Warning {
  provider: string;
  modelId: string;
}

/** The story of one routed request; shown under each message and recorded in the ledger. */
export interface RouteReport {
  servedBy?: Endpoint;
  attempts: AttemptReport[];
  strategy: SortStrategy;
  /** Set when the router moved to a comparable model because every host of the requested one was down. */
  comparableFallback?: { from: ModelRef; to: ModelRef };
  /** Prompt-cache affinity outcome for the conversation. */
  affinity?: 'new' | 'kept' | 'switched';
  /** Output started and then failed; a `continue` on another endpoint is possible. */
  partial?: boolean;
  /** Budget action taken, e.g. downgraded to a cheaper model. */
  budgetAction?: { action: 'warn' | 'block' | 'downgrade'; message: string };
  /** Every attempt's warnings, each once per host. */
  warnings?: RouteWarning[];
}

/** What the router streams: the adapters' events plus routing progress and the final report. */
export type RouterEvent = StreamEvent | { type: 'attempt'; attempt: AttemptReport } | { type: 'route-report'; report: RouteReport };
