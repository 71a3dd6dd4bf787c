// One JSON GET through the shared transport, with a size cap and typed failures.
import type { HttpTransport } from '../http/client';

/** GETs a URL and parses JSON. Throws an Error whose message is safe to show (no keys are ever sent here). */
export async function fetchJson(
  http: HttpTransport,
  url: string,
  source: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<unknown> {
  const res = await http.send({ method: 'GET', url, headers: { accept: 'application/json' }, provider: source, signal });
  if (res.status !== 200) {
    await res.dump();
    throw new Error(`${source}: HTTP ${res.status} from ${new URL(url).pathname}`);
  }
  const text = await res.text(maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${source}: response is not JSON (or exceeded ${maxBytes} bytes)`);
  }
}
