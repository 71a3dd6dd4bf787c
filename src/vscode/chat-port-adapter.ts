// The chat's view of the core (ChatPort), implemented over the lazily built services. The first
// call to `route` or `pickerModels` is what loads the core.
import { endpointKey } from '../core/catalog/types';
import type { Engine, EngineRequest } from '../core/engine';
import { REQUEST_ORIGINS, type RequestOrigin, type RoutedRequest, type RouterEvent } from '../core/router/types';
import { contentText } from '../core/types';
import type { PickerHost, PickerModel } from '../shared/protocol';
import type { ChatPort } from '../app/chat/chat-port';
import type { Core, Services } from './services';

/** The engine's origin of a log label such as `selection:explain`; the chat's own when unknown. */
function requestOrigin(label: string): RequestOrigin {
  const head = label.split(':')[0];
  return (REQUEST_ORIGINS as readonly string[]).includes(head) ? (head as RequestOrigin) : 'chat';
}

/** Builds the ChatPort; `onRoute` sees every finished route (for the test hook and the log). */
export function createChatPort(services: Services): ChatPort {
  let core: Core | undefined;
  const load = async () => (core ??= await services.core());
  // Both ways of answering share the log line and the comparable-fallback default.
  async function* routed(req: RoutedRequest, origin: string, start: (engine: Engine, r: EngineRequest) => AsyncIterable<RouterEvent>) {
    const c = await load();
    // The answer is kept for the log only when prompt logging is on: no copy per token otherwise.
    const keepOutput = services.config.settings.logPrompts;
    let output = '';
    const levels = services.config.snapshot.routingLevels;
    // Chat opts in to comparable-model fallback by default (the footer says when it happens);
    // `switchboard.routing.allowComparableFallback: false` at either level turns it off.
    const comparable =
      req.allowComparableFallback ?? levels.workspace.allowComparableFallback ?? levels.user.allowComparableFallback ?? true;
    for await (const ev of start(c.engine, { ...req, origin: requestOrigin(origin), allowComparableFallback: comparable })) {
      if (keepOutput && ev.type === 'text-delta') output += ev.text;
      if (ev.type === 'route-report') {
        const last = req.messages.at(-1);
        c.log.request({ requested: req.models, report: ev.report, origin, prompt: last ? contentText(last.content) : undefined, output });
      }
      yield ev;
    }
  }
  return {
    route: (req, origin = 'chat') => routed(req, origin, (engine, r) => engine.chat(r)),
    continueElsewhere: (req, broken, origin = 'chat') => routed(req, origin, (engine, r) => engine.continueElsewhere(r, broken)),
    async hasRouteWithout(model, ignore, preferences = {}) {
      const c = await load();
      const prefs = { ...preferences, ignore: [...(preferences.ignore ?? []), ...ignore] };
      const plan = await c.engine.plan({ models: [model], messages: [], preferences: prefs }).catch(() => undefined);
      return (plan?.candidates.length ?? 0) > 0;
    },
    async pickerModels(): Promise<PickerModel[]> {
      return pickerModels(await load());
    },
    providers: () =>
      services
        .registry()
        .list()
        .map((d) => ({ id: d.id, name: d.displayName })),
    defaultModel: () => services.config.settings.defaultModel || undefined,
    // Before the core is loaded nothing was sent, so there is nothing to estimate.
    estimate: (input) => core?.engine.estimate(input),
    redact: (t) => services.keys.redact(t),
    logger: services.log,
  };
}

/** Picker rows: every model with a host among the enabled providers, with price, context and live health. */
async function pickerModels(core: Core): Promise<PickerModel[]> {
  const { engine } = core;
  const registry = engine.registry();
  const hasKey = new Map<string, boolean>();
  for (const d of registry.list()) hasKey.set(d.id, !d.keyRequired || (await core.keys.get(d)) !== undefined);
  const health = engine.health.snapshot();
  const providerState = new Map(health.providers.map((p) => [p.provider, p.state]));
  const out: PickerModel[] = [];
  for (const m of engine.catalog.listing((p) => registry.get(p) !== undefined)) {
    const hosts: PickerHost[] = engine.catalog
      .endpointsOf(m.model)
      .filter((e) => registry.get(e.provider))
      .slice(0, 100)
      .map((e) => {
        const d = registry.get(e.provider)!;
        return {
          provider: e.provider,
          providerName: d.displayName.slice(0, 200),
          modelId: e.modelId.slice(0, 300),
          inputPerMTok: e.price?.inputPerMTok,
          outputPerMTok: e.price?.outputPerMTok,
          contextWindow: e.contextWindow,
          health: engine.health.endpoint(endpointKey(e))?.state ?? providerState.get(e.provider) ?? 'unknown',
          needsKey: hasKey.get(e.provider) ? undefined : true,
          local: d.capabilities.local || undefined,
        };
      });
    if (hosts.length)
      out.push({ id: m.model.slice(0, 300), displayName: m.displayName.slice(0, 300), contextWindow: m.contextWindow, hosts });
    if (out.length >= 5000) break;
  }
  return out;
}
