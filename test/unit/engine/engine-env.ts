// What the engine tests share: the OpenAI simulator with an HTTP client per file, a ledger in a
// fresh temporary folder per test, and reading a request's events to the end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpClient } from '../../../src/core/http/client';
import { SpendLedger } from '../../../src/core/ledger';
import type { RouterEvent } from '../../../src/core/router/types';
import { openaiRouter } from '../../sim/openai';
import { SimServer } from '../../sim/server';

export async function startOpenAISim(): Promise<{ sim: SimServer; http: HttpClient }> {
  const sim = await SimServer.start(openaiRouter());
  return { sim, http: new HttpClient({ idleTimeoutMs: 2000, firstByteTimeoutMs: 5000, connectTimeoutMs: 2000 }) };
}

export async function stopOpenAISim(sim: SimServer, http: HttpClient): Promise<void> {
  await sim.close();
  await http.close();
}

/** A loaded ledger in a new temporary folder. */
export function openTempLedger(prefix: string, writerId: string): { dir: string; ledger: SpendLedger } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ledger = new SpendLedger({ dir, writerId });
  ledger.load();
  return { dir, ledger };
}

export function closeTempLedger(ledger: SpendLedger, dir: string): void {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every event of a request, in order. */
export async function drain(events: AsyncIterable<RouterEvent>): Promise<RouterEvent[]> {
  const out: RouterEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}
