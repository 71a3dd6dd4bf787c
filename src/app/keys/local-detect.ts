// Finds a local Ollama or LM Studio on its default port so a user without any key can start at once.
// Runs off the activation path with short timeouts; a closed port costs one refused connect.
import * as net from 'node:net';
import { z } from 'zod';
import type { HttpTransport } from '../../core/http/client';

/** A local server worth probing. */
interface LocalTarget {
  /** Provider id it maps to (the preset's id). */
  providerId: string;
  displayName: string;
  /** OpenAI-compatible base URL, ending in /v1. */
  baseUrl: string;
}

/** Default ports of the two local servers people use most. */
const DEFAULT_LOCAL_TARGETS: readonly LocalTarget[] = [
  { providerId: 'ollama', displayName: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { providerId: 'lmstudio', displayName: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
];

/** A local server that answered, with the models it serves. */
export interface DetectedLocal extends LocalTarget {
  models: string[];
}

const modelList = z.object({ data: z.array(z.object({ id: z.string() }).loose()) }).loose();

/**
 * The targets something listens on, by a bare TCP connect. Most machines run neither server, and
 * this answers that without loading the HTTP client (undici) at startup.
 */
export async function listeningTargets(targets: readonly LocalTarget[] = DEFAULT_LOCAL_TARGETS, timeoutMs = 500): Promise<LocalTarget[]> {
  const open = await Promise.all(targets.map((t) => accepts(new URL(t.baseUrl), timeoutMs)));
  return targets.filter((_, i) => open[i]);
}

function accepts(url: URL, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Probes every target in parallel; returns those that answered with a model list. Never throws. */
export async function detectLocalServers(
  http: HttpTransport,
  targets: readonly LocalTarget[] = DEFAULT_LOCAL_TARGETS,
  timeoutMs = 1500,
): Promise<DetectedLocal[]> {
  const found = await Promise.all(targets.map((t) => probe(http, t, timeoutMs)));
  return found.filter((f): f is DetectedLocal => f !== undefined);
}

async function probe(http: HttpTransport, target: LocalTarget, timeoutMs: number): Promise<DetectedLocal | undefined> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await http.send({
      method: 'GET',
      url: `${target.baseUrl.replace(/\/+$/, '')}/models`,
      headers: { accept: 'application/json' },
      signal,
      provider: target.providerId,
    });
    if (res.status !== 200) {
      await res.dump();
      return undefined;
    }
    const parsed = modelList.safeParse(JSON.parse(await res.text(2_000_000)));
    if (!parsed.success) return undefined;
    return { ...target, models: parsed.data.data.map((m) => m.id) };
  } catch {
    // Nothing listening, or something else on the port: both mean "not detected".
    return undefined;
  }
}
