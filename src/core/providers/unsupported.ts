// The typed refusal for a request feature a host cannot serve at all (tools, a schema).
import { ProviderError } from '../errors';
import type { ChatRequest } from '../types';
import type { ProviderDescriptor } from './descriptor';

/** Throws a non-retryable bad_request when the request needs tools or a schema the host lacks. */
export function assertServes(req: ChatRequest, d: ProviderDescriptor): void {
  const missing = missingCapability(req, d);
  if (missing)
    throw new ProviderError({ category: 'bad_request', provider: d.id, retryable: false, message: `${d.displayName} cannot ${missing}.` });
}

/** What the request needs that the descriptor says the host cannot do, in words; undefined when it can. */
function missingCapability(req: Pick<ChatRequest, 'tools' | 'responseFormat'>, d: ProviderDescriptor): string | undefined {
  if (req.tools?.length && d.capabilities.tools === false) return 'call tools';
  if (req.responseFormat && d.capabilities.structuredOutput === false) return 'answer in a JSON schema';
  return undefined;
}
