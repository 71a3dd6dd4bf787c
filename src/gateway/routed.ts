// The engine's events for a client's model name. A chain or a model ref goes to the router as it
// is; a virtual model (`@cheapest`, `@fastest`) first asks the engine which models fit this
// request (its tools, images and size), the same choice the editor's virtual models make.
import { choiceKindOf, type Engine, type EngineRequest, type ModelChoiceKind } from '../core/engine';
import { ProviderError } from '../core/errors';
import { ROUTER_PROVIDER_ID } from '../core/router/route-messages';
import type { ModelRef, RouterEvent } from '../core/router/types';
import { modelsFor } from './model-names';

/** Routes a request for `name` (chain, model ref or virtual model). */
export function routedEvents(
  engine: Engine,
  name: string,
  chains: Readonly<Record<string, readonly ModelRef[]>>,
  req: Omit<EngineRequest, 'models'>,
): AsyncIterable<RouterEvent> {
  const kind = choiceKindOf(name);
  return kind ? chosenEvents(engine, kind, name, req) : engine.chat({ ...req, models: modelsFor(name, chains) });
}

async function* chosenEvents(
  engine: Engine,
  kind: ModelChoiceKind,
  name: string,
  req: Omit<EngineRequest, 'models'>,
): AsyncGenerator<RouterEvent> {
  const { messages, tools, responseFormat, maxOutputTokens } = req;
  const choice = await engine.choose(kind, { messages, tools, responseFormat, maxOutputTokens });
  if (!choice) {
    yield { type: 'error', error: noChoiceError(name) };
    return;
  }
  // The choice's host order is the point of asking for it, so it wins over the request's.
  yield* engine.chat({ ...req, models: choice.models, preferences: { ...req.preferences, ...choice.preferences } });
}

function noChoiceError(name: string): ProviderError {
  return new ProviderError({
    category: 'not_found',
    provider: ROUTER_PROVIDER_ID,
    message: `No reachable model fits this request for ${name}: set a key for a provider, or ask for less output or a smaller prompt.`,
    retryable: false,
  });
}
