// Function declarations, function-calling config and the reasoning control for Gemini.
// @see https://ai.google.dev/api/caching#Tool
// @see https://ai.google.dev/gemini-api/docs/thinking
import type { ChatRequest, Warning } from '../../types';
import type { ProviderDescriptor } from '../descriptor';
import { budgetFor, reasoningStyle } from '../reasoning-control';

/** `tools: [{functionDeclarations}]`, with the full JSON Schema in `parametersJsonSchema`. */
export function geminiTools(req: ChatRequest, warnings: Warning[]): Record<string, unknown>[] | undefined {
  if (!req.tools?.length) return undefined;
  if (req.parallelToolCalls === false) {
    warnings.push({ parameter: 'parallelToolCalls', message: 'Gemini cannot turn off parallel function calls; the setting was not sent.' });
  }
  const functionDeclarations = req.tools.map((t) => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    parametersJsonSchema: t.parameters,
  }));
  return [{ functionDeclarations }];
}

/** `toolConfig.functionCallingConfig` for the tool choice. */
export function geminiToolConfig(req: ChatRequest): Record<string, unknown> | undefined {
  const c = req.toolChoice;
  if (!req.tools?.length || c === undefined) return undefined;
  if (typeof c === 'object') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [c.name] } };
  const mode = c === 'auto' ? 'AUTO' : c === 'none' ? 'NONE' : 'ANY';
  return { functionCallingConfig: { mode } };
}

/** `thinkingConfig` from the reasoning control: a budget, or a level for models that take levels. */
export function geminiReasoning(
  req: ChatRequest,
  d: ProviderDescriptor | undefined,
  warnings: Warning[],
): Record<string, unknown> | undefined {
  const r = req.reasoning;
  if (!r || !d) return undefined;
  const style = reasoningStyle(d, 'budget', warnings);
  if (!style) return undefined;
  const includeThoughts = !r.exclude;
  if (style === 'level') {
    if (r.maxTokens !== undefined)
      warnings.push({
        parameter: 'reasoning.maxTokens',
        message: `${d.displayName} takes a thinking level, not a budget; the budget was not sent.`,
      });
    return { thinkingLevel: r.effort, includeThoughts };
  }
  return { thinkingBudget: budgetFor(r), includeThoughts };
}
