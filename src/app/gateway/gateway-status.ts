// The gateway's status bar item: on or off, where it listens, and its requests today.
import type { SpendSource } from '../status/ports';
import type { GatewayRole } from './serve-or-share';

/** What the gateway item shows; undefined text hides it. */
export interface GatewayView {
  text: string;
  tooltip: string;
}

/**
 * Requests the gateway sent today, from the ledger's totals by origin (every window's, however
 * many): retries and fallbacks are further attempts of a request, not further requests.
 */
export function gatewayRequestsToday(spend: Pick<SpendSource, 'spent'>, now: number): number {
  return spend.spent('day', { at: now, origin: 'gateway' }).requests;
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
