// Rate-limit headroom: how much of the tightest window is left, from response headers.
import type { RateLimitSnapshot } from '../types';

/** Below this share of remaining requests/tokens, routing moves the endpoint down. */
export const LOW_HEADROOM = 0.1;

/**
 * Remaining share (0..1) of the tightest reported window, or undefined when unknown or when
 * the window has reset since the snapshot was taken.
 */
export function headroomOf(snap: RateLimitSnapshot | undefined, observedAt: number, now: number): number | undefined {
  if (!snap) return undefined;
  if (snap.resetMs !== undefined && now >= observedAt + snap.resetMs) return undefined;
  let h: number | undefined;
  if (snap.requestsLimit && snap.requestsRemaining !== undefined) h = snap.requestsRemaining / snap.requestsLimit;
  if (snap.tokensLimit && snap.tokensRemaining !== undefined) {
    const t = snap.tokensRemaining / snap.tokensLimit;
    h = h === undefined ? t : Math.min(h, t);
  }
  return h === undefined ? undefined : Math.max(0, Math.min(1, h));
}
