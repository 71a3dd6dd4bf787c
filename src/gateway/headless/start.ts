// The gateway outside VS Code: the same engine, built from a settings file and environment keys.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { BudgetGuard } from '../../core/budgets';
import { createEngine } from '../../core/engine';
import { HealthBoard } from '../../core/health/health-board';
import { openrouterFeedBase } from '../../core/catalog/openrouter-feed-source';
import { OPENROUTER_ID } from '../../core/catalog/provider-ids';
import { HttpClient, type HttpTransport } from '../../core/http/client';
import { SpendLedger } from '../../core/ledger';
import type { Logger } from '../../core/platform';
import { buildRegistry } from '../../core/providers/build-registry';
import { formatProblems, type SettingsReadResult } from '../../core/settings/read-settings';
import { startGateway, type Gateway } from '../server';
import { EnvKeySource } from './env-keys';

/** What the headless gateway is started with. */
interface HeadlessOptions {
  settings: SettingsReadResult;
  env: Readonly<Record<string, string | undefined>>;
  ledgerDir: string;
  /** Overrides `switchboard.gateway.port`. */
  port?: number;
  logger: Logger;
  /** The transport to providers and feeds; a real HTTP client when absent. */
  http?: HttpTransport;
}

/** A running headless gateway and the token clients must send. */
interface Headless {
  gateway: Gateway;
  token: string;
  /** True when the token was made up here (the caller prints it). */
  tokenGenerated: boolean;
  /** Settles when the catalog's first refresh at start has (whatever its outcome). */
  catalogLoaded: Promise<void>;
  close(): Promise<void>;
}

/** Workspace id for spend recorded without an editor window. */
const HEADLESS_WORKSPACE = '(no workspace)';

/** Builds the engine from settings and environment keys and starts the gateway on it. */
export async function startHeadless(o: HeadlessOptions): Promise<Headless> {
  const s = o.settings.settings;
  if (o.settings.problems.length) o.logger.warn(`Ignored invalid settings: ${formatProblems(o.settings.problems)}`);
  const keys = new EnvKeySource(o.env, (m) => o.logger.warn(m));
  const envToken = o.env.SWITCHBOARD_GATEWAY_TOKEN?.trim();
  const token = envToken || `sb-gw-${randomBytes(24).toString('base64url')}`;
  const client = o.http
    ? undefined
    : new HttpClient({
        connectTimeoutMs: s.timeouts.connectMs,
        firstByteTimeoutMs: s.timeouts.firstByteMs,
        idleTimeoutMs: s.timeouts.idleMs,
      });
  const http = o.http ?? client!;
  const ledger = new SpendLedger({ dir: o.ledgerDir, logger: o.logger });
  ledger.load();
  const registry = buildRegistry(s);
  const engine = await createEngine({
    http,
    keys,
    registry: () => registry,
    settings: () => ({ routing: o.settings.routingLevels, workspaceAllowedProviders: s.workspaceAllowedProviders }),
    ledger: () => ledger,
    budgets: () => budgets,
    health: new HealthBoard(),
    logger: o.logger,
    workspaceId: () => HEADLESS_WORKSPACE,
    catalogCacheDir: path.join(path.dirname(o.ledgerDir), 'catalog'),
    openrouterFeed: () => openrouterFeedBase(s.openrouterFeed, registry.get(OPENROUTER_ID)),
  });
  const budgets = new BudgetGuard(ledger, () => s.budgets);
  for (const p of engine.catalog.setPriceOverrides(s.priceOverrides)) o.logger.warn(`${p.setting}: ${p.message}`);
  const catalogLoaded = engine.catalog.refresh().then(
    () => undefined,
    (e: unknown) => o.logger.warn(`Catalog refresh failed: ${keys.redact(String(e))}`),
  );
  const gateway = await startGateway({
    engine,
    token,
    port: o.port ?? s.gateway.port,
    logger: o.logger,
    redact: (t) => keys.redact(t),
    fallbackChains: () => s.gateway.fallbackChains,
  });
  return {
    gateway,
    token,
    tokenGenerated: !envToken,
    catalogLoaded,
    close: async () => {
      await gateway.close();
      await client?.close();
      ledger.close();
    },
  };
}
