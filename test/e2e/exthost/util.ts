// Shared helpers for tests that run inside the extension host.
import * as vscode from 'vscode';

/** Identifier of the extension under test (publisher.name from package.json). */
export const EXTENSION_ID = 'switchboard-dev.switchboard';

/** Returns the activated Switchboard extension. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  if (!ext.isActive) await ext.activate();
  return ext;
}

/** The snapshot the E2E hook returns (its shape is owned by the extension; parsed leniently). */
export async function testState(): Promise<Record<string, unknown>> {
  const raw = await vscode.commands.executeCommand<unknown>('switchboard.test.getState');
  const state = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!state || typeof state !== 'object') throw new Error(`switchboard.test.getState returned ${String(raw)}`);
  return state as Record<string, unknown>;
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
