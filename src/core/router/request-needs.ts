// What a request needs from an endpoint beyond a model (tools, a schema), checked against
// capability data: the provider descriptor and the catalog's endpoint facts, never a hostname.
import type { Endpoint } from '../catalog/types';
import type { ProviderDescriptor } from '../providers/descriptor';
import type { ChatRequest } from '../types';
import type { SkipCode } from './route-plan';
import type { RoutedRequest } from './types';

/** Features the request cannot do without. */
export interface RequestNeeds {
  tools: boolean;
  schema: boolean;
  /** Prefer hosts that can reason; a model none of whose hosts can is still served, with a warning. */
  reasoning?: boolean;
}

export const NO_NEEDS: RequestNeeds = Object.freeze({ tools: false, schema: false });

export function needsOf(req: Pick<RoutedRequest, 'tools' | 'responseFormat' | 'reasoning'>): RequestNeeds {
  return { tools: (req.tools?.length ?? 0) > 0, schema: req.responseFormat !== undefined, reasoning: req.reasoning !== undefined };
}

/** The request fields for tools, reasoning and schema, passed to the adapter as given. */
export function toolFields(
  req: RoutedRequest,
): Pick<ChatRequest, 'tools' | 'toolChoice' | 'parallelToolCalls' | 'reasoning' | 'responseFormat'> {
  return {
    tools: req.tools,
    toolChoice: req.toolChoice,
    parallelToolCalls: req.parallelToolCalls,
    reasoning: req.reasoning,
    responseFormat: req.responseFormat,
  };
}

/**
 * Why the endpoint cannot serve the request, or undefined. For a pinned model the catalog often
 * knows nothing about the model (its facts default to false), so only the provider's own
 * capability data counts there; the user chose that host on purpose.
 */
export function whyCannotServe(e: Endpoint, d: ProviderDescriptor, needs: RequestNeeds, pinned: boolean): [SkipCode, string] | undefined {
  if (needs.tools && !canCallTools(e, d, pinned)) return ['no-tools', 'cannot call tools'];
  if (needs.schema && (d.capabilities.structuredOutput === false || e.capabilities.structuredOutput === false))
    return ['no-schema', 'cannot answer in a JSON schema'];
  return undefined;
}

/** Whether a request with tools may go to this endpoint (the same rule the router plans with). */
export function canCallTools(e: Pick<Endpoint, 'capabilities'>, d: ProviderDescriptor, pinned: boolean): boolean {
  return d.capabilities.tools !== false && (pinned || e.capabilities.tools);
}
