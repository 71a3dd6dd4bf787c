// One gateway per machine and port: the first window binds it, the others see it is taken by a
// Switchboard gateway (same token) and use it, and retry binding so one of them takes over when
// the serving window closes.

/** A gateway this window runs. */
interface OwnGateway {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** What this window does for the gateway. */
export type GatewayRole =
  | { kind: 'off' }
  | { kind: 'serving'; port: number; url: string }
  | { kind: 'sharing'; port: number; url: string }
  | { kind: 'blocked'; port: number; reason: string };

interface ServeOrShareDeps {
  /** Binds 127.0.0.1:port (0 = any free port). */
  start(port: number): Promise<OwnGateway>;
  /** True when a Switchboard gateway that accepts our token answers on the port. */
  probe(port: number): Promise<boolean>;
  onRole(role: GatewayRole): void;
  /** How often a window that does not serve tries to bind again. */
  retryMs?: number;
}

const DEFAULT_RETRY_MS = 5_000;

function errorCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** Serves the port, or shares another window's gateway on it, and takes over when it can. */
export class ServeOrShare {
  private own?: OwnGateway;
  private timer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  private current: GatewayRole = { kind: 'off' };

  constructor(private readonly deps: ServeOrShareDeps) {}

  get role(): GatewayRole {
    return this.current;
  }

  /** Starts (or restarts on another port). Resolves once the first attempt has settled. */
  async start(port: number): Promise<void> {
    await this.stop();
    const gen = ++this.generation;
    await this.attempt(port, gen);
  }

  /** Closes our gateway, if any, and stops retrying. */
  async stop(): Promise<void> {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const own = this.own;
    this.own = undefined;
    if (own) await own.close();
    this.set({ kind: 'off' });
  }

  private async attempt(port: number, gen: number): Promise<void> {
    try {
      const own = await this.deps.start(port);
      if (gen !== this.generation) return void (await own.close());
      this.own = own;
      return this.set({ kind: 'serving', port: own.port, url: own.url });
    } catch (e) {
      if (gen !== this.generation) return;
      const inUse = errorCode(e) === 'EADDRINUSE';
      const shared = inUse && (await this.deps.probe(port).catch(() => false));
      if (gen !== this.generation) return;
      if (shared) this.set({ kind: 'sharing', port, url: `http://127.0.0.1:${port}` });
      else
        this.set({
          kind: 'blocked',
          port,
          reason: inUse ? `Port ${port} is used by another program.` : e instanceof Error ? e.message : String(e),
        });
    }
    this.timer = setTimeout(() => void this.attempt(port, gen), this.deps.retryMs ?? DEFAULT_RETRY_MS);
    this.timer.unref?.();
  }

  private set(role: GatewayRole): void {
    if (JSON.stringify(role) === JSON.stringify(this.current)) return;
    this.current = role;
    this.deps.onRole(role);
  }
}

/** Asks `GET /v1/models` with the token: only a Switchboard gateway of this install answers 200. */
export async function probeGateway(port: number, token: string, timeoutMs = 2_000): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/models`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body?.cancel();
  return res.status === 200;
}
