// The @switchboard chat participant: /ask (default), /compare, /cost and /route, all through the
// engine with origin `participant`. The handler takes structural shapes of the chat API's request,
// context and stream, so the e2e hook can drive it with a scripted stream.
import type * as vscode from 'vscode';
import { adviseFailure } from '../../app/lm/error-advice';
import { COMPARE_MAX, COMPARE_MIN } from '../../core/router/compare';
import type { RouteReport, RoutedRequest, RouterEvent } from '../../core/router/types';
import type { ChatMessage } from '../../core/types';
import type { Core } from '../services';
import type { SwitchboardLmProvider } from './lm-provider';
import {
  compareLaneMarkdown,
  costMarkdown,
  footerLine,
  historyMessages,
  routeMarkdown,
  routeRows,
  splitCompareArgs,
} from './participant-text';

/** The parts of vscode.ChatRequest the handler reads. */
export interface ParticipantRequest {
  prompt: string;
  command?: string;
  model?: { vendor: string; id: string };
}

/** The parts of vscode.ChatResponseStream the handler writes to. */
export interface ParticipantStream {
  markdown(value: string): void;
  progress(value: string): void;
}

interface ParticipantDeps {
  core(): Promise<Core>;
  route(req: RoutedRequest, origin: string): AsyncIterable<RouterEvent>;
  provider: Pick<SwitchboardLmProvider, 'routeFor'>;
  defaultModel(): string | undefined;
}

/** What the handler returns (a vscode.ChatResult). */
export interface ParticipantResult {
  errorDetails?: { message: string };
  metadata?: { command: string; model: string };
}

/** Fallback when neither the request nor the settings name a model. */
const CHEAPEST = '@cheapest';

/** Builds the handler; `vendor` is Switchboard's language-model vendor id. */
export function participantHandler(deps: ParticipantDeps, vendor: string) {
  return async (
    request: ParticipantRequest,
    context: { history: readonly unknown[] },
    stream: ParticipantStream,
    token: vscode.CancellationToken,
  ): Promise<ParticipantResult> => {
    const core = await deps.core();
    // The user's pick when it is one of ours; another vendor's model cannot be routed here.
    const model = request.model?.vendor === vendor ? request.model.id : (deps.defaultModel() ?? CHEAPEST);
    const command = request.command ?? 'ask';
    const hostName = (p: string) => core.engine.registry().get(p)?.displayName ?? p;
    if (command === 'cost') {
      const ledger = core.engine.ledger();
      stream.markdown(costMarkdown(ledger.summary('day'), ledger.summary('month')));
      return { metadata: { command, model } };
    }
    if (command === 'route') {
      const ref = request.prompt.trim().split(/\s+/)[0] || model;
      const route = await deps.provider.routeFor(core, ref, []);
      const target = route?.models[0] ?? ref;
      const plan = await core.engine.plan({ models: route?.models ?? [ref], messages: [], preferences: route?.preferences });
      const rows = routeRows(plan, hostName, (key) => {
        const h = core.engine.health.endpoint(key);
        return h && { state: h.state, breaker: h.breaker, ttftMs: h.ttftMs.p50 };
      });
      stream.markdown(routeMarkdown(target === ref ? ref : `${ref} → ${route?.models.join(', ')}`, plan, rows));
      return { metadata: { command, model: ref } };
    }
    const signal = abortOn(token);
    if (command === 'compare') return compare(core, request.prompt, stream, signal, hostName);
    const messages: ChatMessage[] = [...historyMessages(context.history), { role: 'user', content: request.prompt }];
    const route = await deps.provider.routeFor(core, model, messages);
    if (!route)
      return { errorDetails: { message: `No reachable model fits this request for ${model}. Add a key with "Switchboard: Set API Key".` } };
    let error: Parameters<typeof adviseFailure>[0] | undefined;
    let report: RouteReport | undefined;
    for await (const ev of deps.route({ models: route.models, messages, preferences: route.preferences, signal }, 'participant')) {
      if (ev.type === 'text-delta') stream.markdown(ev.text);
      else if (ev.type === 'error') error = ev.error;
      else if (ev.type === 'route-report') report = ev.report;
    }
    if (report && (report.servedBy || report.attempts.length)) stream.markdown(footerLine(report, hostName));
    if (error && error.category !== 'cancelled')
      return { errorDetails: { message: adviseFailure(error, model, report).message }, metadata: { command, model } };
    return { metadata: { command, model } };
  };

  async function compare(
    core: Core,
    prompt: string,
    stream: ParticipantStream,
    signal: AbortSignal,
    hostName: (p: string) => string,
  ): Promise<ParticipantResult> {
    const { models, prompt: text } = splitCompareArgs(prompt, (ref) => core.engine.catalog.resolve(ref) !== undefined);
    if (models.length < COMPARE_MIN || models.length > COMPARE_MAX || !text) {
      const message = `Name ${COMPARE_MIN} to ${COMPARE_MAX} models, then the prompt: \`/compare openai/gpt-5 anthropic/claude-sonnet-4.5 Explain this regex\`.`;
      return { errorDetails: { message }, metadata: { command: 'compare', model: models.join(',') } };
    }
    stream.progress(`Asking ${models.join(', ')}…`);
    const lanes = core.engine.compare(models, { messages: [{ role: 'user', content: text }], origin: 'participant', signal });
    // Each lane's result settles once its events are read to the end; read them all at once.
    await Promise.all(
      lanes.map(async (l) => {
        for await (const _ of l.events) void _;
      }),
    );
    for (const r of await Promise.all(lanes.map((l) => l.result))) stream.markdown(compareLaneMarkdown(r, hostName));
    return { metadata: { command: 'compare', model: models.join(',') } };
  }
}

function abortOn(token: vscode.CancellationToken): AbortSignal {
  const ctrl = new AbortController();
  if (token.isCancellationRequested) ctrl.abort();
  else token.onCancellationRequested(() => ctrl.abort());
  return ctrl.signal;
}
