// Small helpers shared by the protocol families.
import type { ProviderDescriptor } from './descriptor';

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
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
