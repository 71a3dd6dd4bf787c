// Data shapes the chat host and webview share: conversations, messages, footers, picker rows.
// They are zod schemas first so the same definition validates both directions and storage.
import * as z from 'zod/mini';
import { count, droppedIfBad, list, nonNegative, opt, salvagedCount, salvagedTime, str } from './schema-kit';

const id = str(200, 1);
const modelRef = str(300, 1);
const money = nonNegative();

/** Token usage as shown in a footer (same meaning as core Usage). */
export const usageSchema = z.object({
  inputTokens: salvagedCount(),
  outputTokens: salvagedCount(),
  cacheReadTokens: salvagedCount(),
  cacheWriteTokens: salvagedCount(),
  reasoningTokens: salvagedCount(),
  providerCostUsd: droppedIfBad(),
});

/** What a message cost and how sure we are; `usd` is absent only when unpriced. */
const chargeSchema = z.object({
  usd: droppedIfBad(),
  status: z.enum(['exact', 'provider_reported', 'estimated', 'unpriced', 'free']),
});

/** A host that was tried and left behind, as the footer lists it. */
const fallbackSchema = z.object({
  provider: str(100),
  modelId: str(300),
  reason: opt(str(500)),
});

/** A parameter a host dropped or changed, as the footer names it. */
const routeWarningSchema = z.object({
  provider: str(100),
  providerName: opt(str(200)),
  parameter: str(200),
  message: str(1000),
  /** The value was adapted and sent, rather than left out. */
  changed: opt(z.literal(true)),
});

/** Efforts of the one reasoning control (core `ReasoningControl`); no setting means off. */
export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;

/** A conversation's reasoning setting, sent as the request's `reasoning`. */
const reasoningSettingSchema = z.object({ effort: z.enum(REASONING_EFFORTS) });

/** Everything the footer under an assistant message shows. */
export const assistantMetaSchema = z.object({
  provider: opt(str(100)),
  providerName: opt(str(200)),
  servedModelId: opt(str(300)),
  upstreamProvider: opt(str(200)),
  fallbacks: opt(list(fallbackSchema, 50)),
  comparableFallback: opt(z.object({ from: modelRef, to: modelRef })),
  usage: opt(usageSchema),
  usageEstimated: opt(z.boolean()),
  charge: opt(chargeSchema),
  ttftMs: droppedIfBad(),
  durationMs: droppedIfBad(),
  tokensPerSecond: droppedIfBad(),
  finishReason: opt(z.enum(['stop', 'length', 'content_filter', 'tool_calls', 'error', 'cancelled'])),
  partial: opt(z.boolean()),
  budgetNote: opt(str(500)),
  /** What the budget did to this request, so the footer can say it in a word. */
  budgetAction: opt(z.enum(['warn', 'downgrade'])),
  /** Parameters a host dropped or changed; a bad list costs only itself. */
  warnings: z.catch(opt(list(routeWarningSchema, 50)), undefined),
});

/** Actions an inline error can offer; each maps to one host behaviour. */
export const errorActionSchema = z.enum(['setKey', 'retry', 'retryOther', 'continueElsewhere', 'pickModel']);

/** An error shown inline under a message; text is already redacted by the host. */
const chatErrorSchema = z.object({
  category: str(50),
  message: str(4000),
  advice: opt(str(1000)),
  provider: opt(str(100)),
  actions: list(errorActionSchema, 5),
});

/** The code a user sent along with a prompt (from "Ask about selection" and friends). */
const codeContextSchema = z.object({
  path: str(2000),
  language: str(100),
  range: z.object({ startLine: salvagedCount(), endLine: salvagedCount() }),
  code: str(500_000),
});

/** One turn as stored and shown. Assistant turns record the model that was asked. */
export const chatTurnSchema = z.object({
  id,
  role: z.enum(['user', 'assistant']),
  text: str(2_000_000),
  reasoning: opt(str(2_000_000)),
  createdAt: salvagedTime(),
  model: opt(modelRef),
  context: opt(z.omit(codeContextSchema, { code: true })),
  meta: opt(assistantMetaSchema),
  error: opt(chatErrorSchema),
});

/** Routing preferences a user can set for one conversation. */
export const chatPreferencesSchema = z.object({
  sort: opt(z.enum(['price', 'latency', 'throughput', 'balanced'])),
  only: opt(list(str(100), 50)),
  ignore: opt(list(str(100), 50)),
  maxPrice: opt(z.object({ inputPerMTok: droppedIfBad(), outputPerMTok: droppedIfBad() })),
});

/** A whole conversation. */
export const conversationSchema = z.object({
  id,
  title: str(200),
  createdAt: salvagedTime(),
  updatedAt: salvagedTime(),
  model: opt(modelRef),
  preferences: opt(chatPreferencesSchema),
  reasoning: opt(reasoningSettingSchema),
  messages: list(chatTurnSchema, 5000),
});

/** A row of the conversation list. */
export const conversationSummarySchema = z.object({
  id,
  title: str(200),
  updatedAt: salvagedTime(),
  messageCount: salvagedCount(),
});

/** Live state of one host of a model, for the picker. */
const hostHealthSchema = z.enum(['ok', 'degraded', 'down', 'unknown']);

/** One host of a model in the picker. */
const pickerHostSchema = z.object({
  provider: str(100),
  providerName: str(200),
  modelId: str(300),
  inputPerMTok: opt(money),
  outputPerMTok: opt(money),
  contextWindow: opt(count()),
  health: hostHealthSchema,
  /** No key is set for this host yet. */
  needsKey: opt(z.boolean()),
  local: opt(z.boolean()),
});

/** One model in the picker, with every host that serves it. */
const pickerModelSchema = z.object({
  id: modelRef,
  displayName: str(300),
  contextWindow: opt(count()),
  hosts: list(pickerHostSchema, 100),
});

/** What the picker needs in one round trip. */
export const pickerDataSchema = z.object({
  models: list(pickerModelSchema, 5000),
  favourites: list(modelRef, 500),
  recent: list(modelRef, 50),
  current: opt(modelRef),
  preferences: chatPreferencesSchema,
  providers: list(z.object({ id: str(100), name: str(200) }), 200),
});

/** Types inferred from the schemas above. @see chargeSchema */
export type ChatCharge = z.infer<typeof chargeSchema>;
/** @see assistantMetaSchema */
export type AssistantMeta = z.infer<typeof assistantMetaSchema>;
/** @see errorActionSchema */
export type ErrorAction = z.infer<typeof errorActionSchema>;
/** @see chatErrorSchema */
export type ChatError = z.infer<typeof chatErrorSchema>;
/** @see codeContextSchema */
export type CodeContext = z.infer<typeof codeContextSchema>;
/** @see chatTurnSchema */
export type ChatTurn = z.infer<typeof chatTurnSchema>;
/** @see routeWarningSchema */
export type ChatWarning = z.infer<typeof routeWarningSchema>;
/** A reasoning effort, or off. */
export type ReasoningEffortChoice = 'off' | (typeof REASONING_EFFORTS)[number];
/** @see chatPreferencesSchema */
export type ChatPreferences = z.infer<typeof chatPreferencesSchema>;
/** @see conversationSchema */
export type Conversation = z.infer<typeof conversationSchema>;
/** @see conversationSummarySchema */
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
/** @see hostHealthSchema */
export type HostHealth = z.infer<typeof hostHealthSchema>;
/** @see pickerHostSchema */
export type PickerHost = z.infer<typeof pickerHostSchema>;
/** @see pickerModelSchema */
export type PickerModel = z.infer<typeof pickerModelSchema>;
/** @see pickerDataSchema */
export type PickerData = z.infer<typeof pickerDataSchema>;
