// Small helpers shared by the protocol families.
import type { ProviderDescriptor } from './descriptor';

// Every request joins its host's base URL with the same few paths; each join is made once.
const joined = new Map<string, Map<string, string>>();
const MAX_JOINED_BASES = 64;

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  let paths = joined.get(base);
  if (!paths) {
    if (joined.size >= MAX_JOINED_BASES) joined.clear();
    joined.set(base, (paths = new Map()));
  }
  let url = paths.get(path);
  if (url === undefined) {
    // Model names are part of some paths; a long session's map stays small.
    if (paths.size >= MAX_JOINED_BASES) paths.clear();
    url = `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
    paths.set(path, url);
  }
  return url;
}

/** Headers that authenticate a call, per the descriptor's auth scheme. */
export function authHeaders(d: ProviderDescriptor, apiKey: string | undefined): Record<string, string> {
  if (!apiKey || d.auth.kind === 'none') return {};
  if (d.auth.kind === 'bearer') return { authorization: `Bearer ${apiKey}` };
  return { [d.auth.header]: apiKey };
}

/** First request id header a provider sends, under any of the common names. */
export function requestIdFrom(headers: Record<string, string>): string | undefined {
  return headers['x-request-id'] ?? headers['request-id'] ?? headers['x-goog-request-id'] ?? headers['cf-ray'];
}
