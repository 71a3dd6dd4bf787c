// Conversation storage: saving one changed conversation while 200 conversations of about 50 KB
// each are stored (one file per conversation plus an index, on a real directory).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Conversation } from '../../src/shared/protocol';
import { directoryFiles } from '../../src/app/chat/conversation-files';
import { ConversationStore } from '../../src/app/chat/conversation-store';
import type { BenchResult } from './run';

const STORED = 200;
const KB = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A conversation of about `KB` kilobytes: 20 exchanges of prose and code. */
function conversation(id: string, at: number): Conversation {
  const chunk = 'Switchboard routes this request to the cheapest capable host. '.repeat(20);
  const messages: Conversation['messages'] = [];
  for (let i = 0; messages.length * chunk.length < KB * 1024; i++) {
    messages.push({ id: `${id}-${i}`, role: i % 2 ? 'assistant' : 'user', text: `${i}: ${chunk}`, createdAt: at });
  }
  return { id, title: `Conversation ${id}`, createdAt: at, updatedAt: at, model: 'anthropic/claude-sonnet-4.5', messages };
}

/** Runs the conversation store benchmark. */
export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-conv-'));
  let t = 1_700_000_000_000;
  const clock = { now: () => ++t };
  const kv = new Map<string, unknown>();
  const store = new ConversationStore(
    directoryFiles(dir),
    { get: <T>(k: string) => kv.get(k) as T, update: async (k, v) => void kv.set(k, v) },
    clock,
    () => 'new',
  );
  for (let i = 0; i < STORED; i++) await store.save(conversation(`c${i}`, t));
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const c = store.get(`c${i % STORED}`)!;
    c.messages[c.messages.length - 1].text += ' more';
    const start = process.hrtime.bigint();
    await store.save(c);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return [{ id: 'conversation_save_ms', value: median(times), unit: 'ms', target: '≤ 5' }];
}
