// The checks every request passes before it reaches a protocol handler. The gateway holds the
// user's keys, so it is attacked from web pages (CSRF, DNS rebinding) as well as the network.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Why a request was refused, with the status it gets. */
interface Refusal {
  status: 401 | 403;
  message: string;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * A `Host` naming loopback and our port. A rebinding attack resolves the attacker's name to
 * 127.0.0.1, so the browser still sends the attacker's name here.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  return LOOPBACK_NAMES.some((name) => h === `${name}:${port}`);
}

/** The token as clients send it: `Authorization: Bearer …` (OpenAI SDKs, ANTHROPIC_AUTH_TOKEN) or `x-api-key` (ANTHROPIC_API_KEY). */
export function presentedToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1].trim();
  }
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.trim() ? key.trim() : undefined;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** The expected token's digest, kept: it is the same for every request a gateway serves. */
let expectedDigest: { token: string; digest: Buffer } | undefined;

/** Compares in constant time over digests, so neither the content nor the length leaks through timing. */
function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  if (expectedDigest?.token !== expected) expectedDigest = { token: expected, digest: sha256(expected) };
  return timingSafeEqual(sha256(presented), expectedDigest.digest);
}

/** Host and Origin first (a browser is refused whatever it sends), then the token. */
export function checkRequest(headers: IncomingHttpHeaders, port: number, token: string): Refusal | undefined {
  if (headers.origin !== undefined) return { status: 403, message: 'Requests from web pages are refused (an Origin header was sent).' };
  if (!hostAllowed(headers.host, port)) return { status: 403, message: `The Host header must be 127.0.0.1:${port} or localhost:${port}.` };
  if (!tokenMatches(presentedToken(headers), token)) {
    return { status: 401, message: 'Missing or wrong gateway token. Send it as "Authorization: Bearer <token>" or "x-api-key: <token>".' };
  }
  return undefined;
}
