// Commands for the real-VS-Code tests, registered only when the extension host runs with
// SWITCHBOARD_E2E=1. They expose state, never keys.
import * as vscode from 'vscode';
import type { RouteReport } from '../core/router/types';

/** Everything `switchboard.test.getState` reports. */
interface TestStateSources {
  activationMs(): number;
  /** Milliseconds per step of activate(). */
  activationSteps?(): Record<string, number>;
  statusBar(): unknown;
  lastRouteReport(): RouteReport | undefined;
  chat(): unknown;
  dashboardTodayUsd(): number | undefined;
  compare(): unknown;
  noKeys(): boolean | undefined;
  settingsProblems(): unknown;
  /** The validated settings in effect (they hold no keys). */
  settings(): unknown;
  localServers(): unknown;
  /** The gateway's role and token, so a test can call it as a terminal client would. */
  gateway?(): Promise<unknown>;
  coreLoaded(): boolean;
  /** Stores a key through the key ring, exactly as Set API Key does after its input box. */
  setSecret(providerId: string, key: string): Promise<void>;
  redact(text: string): string;
  /** Runs the @switchboard participant's handler with a scripted response stream. */
  runParticipant(request: {
    prompt: string;
    command?: string;
    model?: { vendor: string; id: string };
  }): Promise<{ markdown: string; progress: string[]; result: unknown }>;
  /** The ledger's most recent records (models, hosts, costs, origins; never keys). */
  ledgerRecent(): unknown[];
}

/** Whether the e2e hooks are on for this extension host. */
export function e2eEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SWITCHBOARD_E2E === '1';
}

/** Registers the test commands; callers check {@link e2eEnabled} first. */
export function registerTestHooks(s: TestStateSources): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('switchboard.test.setSecret', async (providerId: unknown, key: unknown) => {
      if (typeof providerId !== 'string' || typeof key !== 'string') throw new Error('setSecret(providerId: string, key: string)');
      await s.setSecret(providerId, key);
      return true;
    }),
    vscode.commands.registerCommand('switchboard.test.runParticipant', async (request: unknown) => {
      if (!request || typeof request !== 'object' || typeof (request as { prompt?: unknown }).prompt !== 'string')
        throw new Error('runParticipant({ prompt, command?, model? })');
      return JSON.parse(s.redact(JSON.stringify(await s.runParticipant(request as { prompt: string }))));
    }),
    vscode.commands.registerCommand('switchboard.test.ledgerRecent', () => JSON.parse(s.redact(JSON.stringify(s.ledgerRecent())))),
    vscode.commands.registerCommand('switchboard.test.gateway', () => s.gateway?.()),
    vscode.commands.registerCommand('switchboard.test.getState', () => {
      const state = {
        activationMs: s.activationMs(),
        activationSteps: s.activationSteps?.(),
        coreLoaded: s.coreLoaded(),
        statusBar: s.statusBar(),
        lastRouteReport: s.lastRouteReport(),
        chat: s.chat(),
        dashboard: { todayUsd: s.dashboardTodayUsd() },
        compare: s.compare(),
        noKeys: s.noKeys(),
        settingsProblems: s.settingsProblems(),
        settings: s.settings(),
        localServers: s.localServers(),
      };
      // A round trip through JSON drops class instances and functions; redaction is the last guard.
      return JSON.parse(s.redact(JSON.stringify(state)));
    }),
  ];
}
