// The gateway's status bar item: on or off, where it listens, and its requests today.
import { dayKey } from '../../core/ledger/periods';
import type { LedgerRecord } from '../../core/ledger/record';
import type { GatewayRole } from './serve-or-share';

/** What the gateway item shows; undefined text hides it. */
export interface GatewayView {
  text: string;
  tooltip: string;
}

/**
 * Requests the gateway sent today: distinct conversations would undercount, so one request is one
 * record that is not a fallback (fallbacks are further attempts of the same request).
 */
export function gatewayRequestsToday(records: readonly Pick<LedgerRecord, 'ts' | 'origin' | 'fallback'>[], now: number): number {
  const today = dayKey(now);
  return records.filter((r) => r.origin === 'gateway' && !r.fallback && dayKey(r.ts) === today).length;
}

export function gatewayView(role: GatewayRole, requestsToday: number): GatewayView | undefined {
  const count = `${requestsToday} request${requestsToday === 1 ? '' : 's'} today`;
  switch (role.kind) {
    case 'off':
      return undefined;
    case 'serving':
      return {
        text: `$(radio-tower) ${requestsToday}`,
        tooltip: `Switchboard gateway on at ${role.url} (this window serves it). ${count}.`,
      };
    case 'sharing':
      return {
        text: `$(radio-tower) ${requestsToday}`,
        tooltip: `Switchboard gateway on at ${role.url} (served by another window). ${count}.`,
      };
    case 'blocked':
      return { text: '$(radio-tower) $(warning)', tooltip: `Switchboard gateway could not start: ${role.reason} Retrying.` };
  }
}
