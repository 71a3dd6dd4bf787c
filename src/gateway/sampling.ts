// Sampling parameters either protocol can carry, put where each host family reads them. The core
// request has temperature, max tokens and stop sequences; the rest travels as family extras, so
// an OpenAI-format `top_p` still reaches an Anthropic or Gemini host.
import type { ProviderOptions } from '../core/types';

/** Sampling knobs beyond the core request's own fields. */
interface Sampling {
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  reasoningEffort?: 'minimal' | 'low' | 'medium' | 'high';
  thinkingBudgetTokens?: number;
  /** OpenAI's response_format (JSON mode); only OpenAI-compatible hosts take it. */
  responseFormat?: unknown;
}

// Rough token budgets for an effort level, for hosts that take a budget instead of a level.
const BUDGET_OF_EFFORT = { minimal: 1_024, low: 2_048, medium: 8_192, high: 24_576 } as const;

function effortOfBudget(tokens: number): Sampling['reasoningEffort'] {
  if (tokens <= 1_024) return 'minimal';
  if (tokens <= 4_096) return 'low';
  if (tokens <= 16_384) return 'medium';
  return 'high';
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Provider options for every family from one set of sampling knobs. */
export function providerOptionsOf(s: Sampling): ProviderOptions {
  const budget = s.thinkingBudgetTokens ?? (s.reasoningEffort ? BUDGET_OF_EFFORT[s.reasoningEffort] : undefined);
  const effort = s.reasoningEffort ?? (s.thinkingBudgetTokens !== undefined ? effortOfBudget(s.thinkingBudgetTokens) : undefined);
  const openaiExtra = defined({
    top_p: s.topP,
    seed: s.seed,
    presence_penalty: s.presencePenalty,
    frequency_penalty: s.frequencyPenalty,
    response_format: s.responseFormat,
  });
  const anthropicExtra = defined({ top_p: s.topP, top_k: s.topK });
  const geminiExtra = defined({
    topP: s.topP,
    topK: s.topK,
    seed: s.seed,
    presencePenalty: s.presencePenalty,
    frequencyPenalty: s.frequencyPenalty,
  });
  const out: ProviderOptions = {};
  if (effort || Object.keys(openaiExtra).length)
    out.openai = defined({ reasoningEffort: effort, extraBody: Object.keys(openaiExtra).length ? openaiExtra : undefined });
  if (budget !== undefined || Object.keys(anthropicExtra).length)
    out.anthropic = defined({ thinkingBudgetTokens: budget, extraBody: Object.keys(anthropicExtra).length ? anthropicExtra : undefined });
  if (budget !== undefined || Object.keys(geminiExtra).length)
    out.gemini = defined({ thinkingBudget: budget, extraGenerationConfig: Object.keys(geminiExtra).length ? geminiExtra : undefined });
  return out;
}
