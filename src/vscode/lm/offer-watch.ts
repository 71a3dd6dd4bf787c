// Fires the provider's change event when what is offered changes: keys, the catalog, settings or
// health. Each trigger recomputes the offer and compares it, so VS Code is asked again only when
// a model, a limit or a routing note actually changed.
import type * as vscode from 'vscode';
import type { OfferedModel } from '../../app/lm/model-offer';
import type { Core } from '../services';

/** Health states also change with time alone (a cooldown ending); a slow poll catches those. */
const POLL_MS = 60_000;
/** Bursts (a key set, then the reachability refresh; health after each call) collapse into one check. */
const DEBOUNCE_MS = 250;

interface OfferWatchDeps {
  /** The core only if already built: before the first ask there is nothing to compare. */
  loadedCore(): Promise<Core | undefined>;
  offer(core: Core): Promise<OfferedModel[]>;
  /** The signature of the models VS Code was last given (undefined until it asked). */
  served(): string | undefined;
  fire(): void;
  onKeys(listener: () => void): vscode.Disposable;
  onSettings(listener: () => void): vscode.Disposable;
}

/** A running watch; `kick` checks soon (call it once models were served, so the core's events are followed). */
interface OfferWatch extends vscode.Disposable {
  kick(): void;
}

/** Starts watching; dispose to stop. */
export function watchOffer(deps: OfferWatchDeps): OfferWatch {
  let fired: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let coreSubs: { dispose(): void }[] | undefined;
  const check = async () => {
    const core = await deps.loadedCore();
    if (!core) return;
    coreSubs ??= [core.engine.health.onDidChange(schedule), core.engine.catalog.onDidChange(schedule)];
    // A key change reaches the engine asynchronously; read reachability afresh before comparing.
    await core.engine.refreshReachable();
    const sig = offerSignature(await deps.offer(core));
    const served = deps.served();
    if (served === undefined || sig === served || sig === fired) return;
    fired = sig;
    deps.fire();
  };
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check().catch(() => undefined), DEBOUNCE_MS);
  }
  const poll = setInterval(schedule, POLL_MS);
  const subs = [deps.onKeys(schedule), deps.onSettings(schedule)];
  return {
    kick: schedule,
    dispose() {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      for (const s of coreSubs ?? []) s.dispose();
      for (const s of subs) s.dispose();
    },
  };
}

/** What VS Code sees of an offer, as one comparable string. */
export function offerSignature(rows: readonly OfferedModel[]): string {
  return JSON.stringify(rows);
}
