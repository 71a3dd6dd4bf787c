// Gemini API simulator. Serves, under any path prefix (e.g. `/v1beta`):
//   POST …/models/{model}:streamGenerateContent?alt=sse
//   GET  …/models?pageSize=…&pageToken=…          (two pages, one non-chat model filtered by clients)
// The scenario is picked by the requested model name, so router tests, UI tests and the demo
// can reach any of them by pointing the `gemini` preset's base URL at `${sim.url}/v1beta`:
//   sim-<name>        a completed stream from GEMINI_NORMAL, e.g. sim-hello, sim-thinking,
//                     sim-cached, sim-unicode, sim-slow-drip, sim-max-tokens,
//                     sim-safety-mid-answer, sim-prompt-blocked, sim-finish-recitation…
//   sim-fault-<name>  a failure from GEMINI_FAULTS, e.g. sim-fault-503, sim-fault-429,
//                     sim-fault-bad-key, sim-fault-context-too-long, sim-fault-mid-stream,
//                     sim-fault-reset-mid-stream, sim-fault-stall, sim-fault-no-finish…
//   any other model   the `hello` stream (so real model ids work in demos)
//   unknown sim-*     404 NOT_FOUND in Google's shape
// A key containing `INVALID` gets Google's 400 "API key not valid" on every route.
import { GEMINI_FAULTS, type GeminiFaultCase } from './gemini-faults';
import { GEMINI_NORMAL, type GeminiNormalCase } from './gemini-normal';
import { geminiToolScenario } from './gemini-tools';
import { geminiHttpError } from './gemini-wire';
import { jsonError, type RecordedRequest, type Router, type Scenario } from './server';

export { GEMINI_FAULTS, type GeminiFailure, type GeminiFaultCase } from './gemini-faults';
export { GEMINI_NORMAL, type GeminiNormalCase, type GeminiOutcome } from './gemini-normal';
export * from './gemini-wire';

/** A model entry of the simulated listing. */
export interface SimGeminiModel {
  name: string;
  displayName: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
}

const chat = ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'];

/** The simulated model listing, split over two pages as Google pages it. */
export const SIM_GEMINI_MODEL_PAGES: SimGeminiModel[][] = [
  [
    {
      name: 'models/gemini-2.5-pro',
      displayName: 'Gemini 2.5 Pro',
      inputTokenLimit: 1048576,
      outputTokenLimit: 65536,
      supportedGenerationMethods: chat,
    },
    {
      name: 'models/gemini-2.5-flash',
      displayName: 'Gemini 2.5 Flash',
      inputTokenLimit: 1048576,
      outputTokenLimit: 65536,
      supportedGenerationMethods: chat,
    },
    {
      name: 'models/text-embedding-004',
      displayName: 'Text Embedding 004',
      inputTokenLimit: 2048,
      outputTokenLimit: 1,
      supportedGenerationMethods: ['embedContent'],
    },
  ],
  [
    {
      name: 'models/gemini-2.0-flash-lite',
      displayName: 'Gemini 2.0 Flash-Lite',
      inputTokenLimit: 1048576,
      outputTokenLimit: 8192,
      supportedGenerationMethods: chat,
    },
    {
      name: 'models/sim-hello',
      displayName: 'Simulator: hello',
      inputTokenLimit: 32768,
      outputTokenLimit: 8192,
      supportedGenerationMethods: chat,
    },
    {
      name: 'models/sim-thinking',
      displayName: 'Simulator: thinking',
      inputTokenLimit: 32768,
      outputTokenLimit: 8192,
      supportedGenerationMethods: chat,
    },
  ],
];

/** Options of the simulated Gemini API. */
export interface GeminiRouterOptions {
  /** Overrides the choice by model name; return undefined to fall back to it. */
  pick?: (model: string, req: RecordedRequest) => Scenario | undefined;
}

/** The normal or fault case a model name selects, if it names one. */
export function geminiCaseFor(model: string): GeminiNormalCase | GeminiFaultCase | undefined {
  const id = model.replace(/^models\//, '');
  if (id.startsWith('sim-fault-')) return GEMINI_FAULTS[id.slice('sim-fault-'.length)];
  if (id.startsWith('sim-')) return GEMINI_NORMAL[id.slice('sim-'.length)];
  return GEMINI_NORMAL.hello;
}

/** A Router for SimServer speaking the Gemini API. */
export function geminiRouter(opts: GeminiRouterOptions = {}): Router {
  return (req) => {
    const key = String(req.headers['x-goog-api-key'] ?? req.query.get('key') ?? '');
    const stream = /\/models\/([^/:]+):streamGenerateContent$/.exec(req.path);
    if (stream && req.method === 'POST') {
      if (key.includes('INVALID')) return GEMINI_FAULTS['bad-key'].scenario(req);
      const model = decodeURIComponent(stream[1]);
      const picked = opts.pick?.(model, req);
      if (picked) return picked;
      const tool = geminiToolScenario(model, req);
      if (tool) return tool;
      const c = geminiCaseFor(model);
      if (!c)
        return geminiHttpError(
          404,
          'NOT_FOUND',
          `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
        );
      return c.scenario(req);
    }
    if (/\/models$/.test(req.path) && req.method === 'GET') {
      if (key.includes('INVALID')) return GEMINI_FAULTS['bad-key'].scenario(req);
      const page = req.query.get('pageToken') === 'page-2' ? 1 : 0;
      const body: Record<string, unknown> = { models: SIM_GEMINI_MODEL_PAGES[page] };
      if (page === 0) body.nextPageToken = 'page-2';
      return { ...jsonError(200, body), status: 200 };
    }
    return undefined;
  };
}
