// The checks every request passes before it reaches a protocol handler. The gateway holds the
// user's keys, so it is attacked from web pages (CSRF, DNS rebinding) as well as the network.
import { timingSafeEqual } from 'node:crypto';
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

/** The expected token's bytes, kept: it is the same for every request a gateway serves. */
let expectedBytes: { token: string; bytes: Buffer } | undefined;

/**
 * Compares in constant time: a presented token of another length is not compared with the
 * token but the token with itself, so the time is the same whatever the client sends (and no
 * hash is made per request, which cost more than the rest of the checks together).
 */
function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  if (expectedBytes?.token !== expected) expectedBytes = { token: expected, bytes: Buffer.from(expected, 'utf8') };
  const want = expectedBytes.bytes;
  const got = Buffer.from(presented, 'utf8');
  const sameLength = got.length === want.length;
  return timingSafeEqual(sameLength ? got : want, want) && sameLength;
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
