// The gateway in the editor: started in the extension host while `switchboard.gateway.enabled`
// is on, on this window's engine. Windows share one port (see serve-or-share.ts); new terminals
// get the variables that point clients at it when `configureTerminals` is on.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { gatewayRequestsToday, gatewayView } from '../../app/gateway/gateway-status';
import { probeGateway, ServeOrShare, type GatewayRole } from '../../app/gateway/serve-or-share';
import { exportLines, gatewayEnv, terminalEnvDescription } from '../../app/gateway/terminal-env';
import { startGateway } from '../../gateway';
import type { SwitchboardWindow } from '../activation/window';

const TOKEN_SECRET = 'switchboard.gateway.token';

/** The per-install token, made on first use; SecretStorage is shared by every window. */
async function gatewayToken(secrets: vscode.SecretStorage): Promise<string> {
  const stored = await secrets.get(TOKEN_SECRET);
  if (stored) return stored;
  const token = `sb-gw-${randomBytes(24).toString('base64url')}`;
  await secrets.store(TOKEN_SECRET, token);
  return token;
}

/** What the e2e hook reads: the role, and the token a terminal client would be given. */
export interface GatewayFeature {
  state(): Promise<{ role: GatewayRole; token?: string }>;
}

/** Starts, stops and shares the gateway as the settings say; shows it in the status bar and terminals. */
export function registerGateway(w: SwitchboardWindow): GatewayFeature {
  const { context, config, log } = w;
  let token: string | undefined;
  let applied = '';
  const envs = context.environmentVariableCollection;
  const supervisor = new ServeOrShare({
    start: async (port) => {
      const { engine } = await w.services.core();
      const t = token ?? '';
      return startGateway({
        engine,
        token: t,
        port,
        logger: log,
        redact: (text) => w.redact(text).split(t).join('[token]'),
        fallbackChains: () => config.settings.gateway.fallbackChains,
      });
    },
    probe: (port) => probeGateway(port, token ?? ''),
    onRole: (role) => {
      if (role.kind === 'serving') log.info(`Gateway listening on ${role.url}.`);
      else if (role.kind === 'sharing') log.info(`Gateway: ${role.url} is served by another window; using it.`);
      else if (role.kind === 'blocked') log.warn(`Gateway could not start: ${role.reason} Retrying.`);
      else log.info('Gateway stopped.');
      updateTerminals(role);
      paint();
    },
  });

  const updateTerminals = (role: GatewayRole) => {
    const on = (role.kind === 'serving' || role.kind === 'sharing') && config.settings.gateway.configureTerminals && token;
    envs.clear();
    if (!on) return;
    for (const [k, v] of gatewayEnv(role.url, token as string)) envs.replace(k, v);
    envs.description = terminalEnvDescription(role.url);
  };

  const paint = () => {
    let today = 0;
    try {
      today = gatewayRequestsToday(w.services.ledger(), Date.now());
    } catch {
      // No ledger: the count stays 0.
    }
    w.statusBar.setGateway(gatewayView(supervisor.role, today));
  };

  const apply = async () => {
    const g = config.settings.gateway;
    const wanted = g.enabled ? `on:${g.port}` : 'off';
    if (wanted === applied) return updateTerminals(supervisor.role);
    applied = wanted;
    if (!g.enabled) return supervisor.stop();
    token ??= await gatewayToken(context.secrets);
    await supervisor.start(g.port);
  };
  const applySafely = () => void apply().catch((e: unknown) => log.error(`Gateway: ${w.redact(String(e))}`));

  let unsubscribe: (() => void) | undefined;
  const timer = setTimeout(() => {
    try {
      unsubscribe = w.services.ledger().onChange(paint);
    } catch {
      // The spend feature reports an unusable ledger.
    }
    applySafely();
  }, 0);

  context.subscriptions.push(
    config.onDidChange(applySafely),
    vscode.commands.registerCommand('switchboard.copyGatewayTerminalSettings', async () => {
      const role = supervisor.role;
      if (role.kind !== 'serving' && role.kind !== 'sharing') {
        void vscode.window.showWarningMessage(
          'The Switchboard gateway is off. Turn on "switchboard.gateway" → "enabled" in your user settings first.',
        );
        return;
      }
      token ??= await gatewayToken(context.secrets);
      await vscode.env.clipboard.writeText(exportLines(role.url, token));
      void vscode.window.showInformationMessage('Copied the gateway settings (export lines with the gateway token) for a terminal.');
    }),
    {
      dispose: () => {
        clearTimeout(timer);
        unsubscribe?.();
        envs.clear();
        void supervisor.stop();
      },
    },
  );
  return { state: async () => ({ role: supervisor.role, token: supervisor.role.kind === 'off' ? undefined : token }) };
}
