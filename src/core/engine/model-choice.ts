// The virtual models' choice ("cheapest capable", "fastest"): which models to try, in order, for
// one request. Read off a route plan over every reachable model, so the same rules that skip a
// host when routing (keys, tools, schema, only/ignore, breakers, workspace allow-list) decide
// which models qualify. Pure; the engine supplies the plan and health figures.
import { blendedPrice } from '../router/endpoint-rank';
import type { PlannedEndpoint, RoutePlan } from '../router/route-plan';
import type { ModelRef, RoutePreferences } from '../router/types';
import type { ChatMessage, ContentPart } from '../types';

/** The two virtual models. */
export type ModelChoiceKind = 'cheapest' | 'fastest';

/** The names front ends offer the virtual models under (editor picker, gateway `model` field). */
export const CHOICE_MODEL_IDS: Readonly<Record<ModelChoiceKind, string>> = { cheapest: '@cheapest', fastest: '@fastest' };

/** The virtual model a name stands for, if it is one. */
export function choiceKindOf(name: string): ModelChoiceKind | undefined {
  return name === CHOICE_MODEL_IDS.cheapest ? 'cheapest' : name === CHOICE_MODEL_IDS.fastest ? 'fastest' : undefined;
}

/** How many models a virtual model may fall back across. */
const CHOICE_FALLBACKS = 4;
/** A host whose context window nobody states is taken to hold this much (what the editor's offer advertises too). */
export const ASSUMED_CONTEXT_WINDOW = 128_000;

/** What the request needs from a host beyond what the plan already checked. */
interface ChoiceNeeds {
  /** Prompt tokens plus the output the caller reserves. */
  tokens: number;
  images: boolean;
}

/** A request's needs: its prompt plus the output it reserves, and whether any message (or tool result) holds an image. */
export function choiceNeeds(messages: readonly ChatMessage[], promptTokens: number, maxOutputTokens = 0): ChoiceNeeds {
  const image = (p: ContentPart) =>
    p.type === 'image' || (p.type === 'tool-result' && typeof p.content !== 'string' && p.content.some(image));
  return { tokens: promptTokens + maxOutputTokens, images: messages.some((m) => typeof m.content !== 'string' && m.content.some(image)) };
}

/** The models to send the request to, in order, and the host order within each. */
export interface ModelChoice {
  models: ModelRef[];
  preferences: RoutePreferences;
}

/** The host order inside each chosen model follows the same goal as the choice. */
export function choicePreferences(kind: ModelChoiceKind): RoutePreferences {
  return { sort: kind === 'cheapest' ? 'price' : 'latency' };
}

/** What the choice reads besides the plan. */
export interface ChoiceFacts {
  /** The measured time to first token of a host, when there is one. */
  ttftOf(c: PlannedEndpoint): number | undefined;
  /** The model's context window when the host states none. */
  modelContext(model: ModelRef): number | undefined;
}

/** A host a request fits: its context window holds it, and it takes images when the request has any. */
function fits(c: PlannedEndpoint, needs: ChoiceNeeds, facts: ChoiceFacts): boolean {
  const ctx = c.endpoint.contextWindow || facts.modelContext(c.requested) || ASSUMED_CONTEXT_WINDOW;
  if (needs.tokens > ctx) return false;
  return !needs.images || (c.endpoint.capabilities.images && c.descriptor.capabilities.images);
}

/**
 * Ranks the plan's models by their best fitting host: by price for `cheapest`, by measured time
 * to first token for `fastest` (unmeasured after measured, then by price). Undefined when no
 * model fits.
 */
export function chooseModels(
  kind: ModelChoiceKind,
  plan: RoutePlan,
  needs: ChoiceNeeds,
  facts: ChoiceFacts,
  limit = CHOICE_FALLBACKS,
): ModelChoice | undefined {
  const best = new Map<ModelRef, { price: number; ttft: number }>();
  for (const c of plan.candidates) {
    if (c.comparableOf !== undefined || !fits(c, needs, facts)) continue;
    const price = blendedPrice(c.endpoint.price, c.descriptor.capabilities.local);
    const ttft = facts.ttftOf(c) ?? Infinity;
    const prev = best.get(c.requested);
    best.set(c.requested, prev ? { price: Math.min(prev.price, price), ttft: Math.min(prev.ttft, ttft) } : { price, ttft });
  }
  if (best.size === 0) return undefined;
  const key = (m: ModelRef) => (kind === 'cheapest' ? best.get(m)!.price : best.get(m)!.ttft);
  const ranked = [...best.keys()].sort((a, b) => order(key(a), key(b)) || order(best.get(a)!.price, best.get(b)!.price));
  return { models: ranked.slice(0, limit), preferences: choicePreferences(kind) };
}

/** Ascending, Infinity last, equal infinities tied (so the next key decides). */
function order(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
