// The reasoning control for OpenAI-compatible hosts: `reasoning_effort`, or OpenRouter's object.
// @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
// @see https://openrouter.ai/docs/use-cases/reasoning-tokens
import type { ChatRequest, Warning } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { reasoningStyle } from '../reasoning-control';

/** Adds the reasoning fields the host's capability data names. */
export function applyOpenAIReasoning(body: Record<string, unknown>, req: ChatRequest, d: ProviderDescriptor, warnings: Warning[]): void {
  const r = req.reasoning;
  if (!r) return;
  const style = reasoningStyle(d, 'effort', warnings);
  if (style === 'openrouter') {
    // OpenRouter takes either an effort or a token budget, not both; the budget is more precise.
    body.reasoning = { ...(r.maxTokens ? { max_tokens: r.maxTokens } : { effort: r.effort }), ...(r.exclude ? { exclude: true } : {}) };
    return;
  }
  if (!style) return;
  body.reasoning_effort = r.effort;
  if (r.maxTokens !== undefined)
    warnings.push({
      parameter: 'reasoning.maxTokens',
      message: `${d.displayName} takes an effort, not a token budget; the budget was not sent.`,
    });
  if (r.exclude)
    warnings.push({ parameter: 'reasoning.exclude', message: `${d.displayName} cannot hide reasoning on request; exclude was not sent.` });
}
