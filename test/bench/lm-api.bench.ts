// lm_api_ttft_added_ms: what Switchboard's language-model vendor adds to time to first token, in
// code-server's real extension host. A second extension calls sendRequest on a Switchboard model
// served by the loopback simulator; the time from sendRequest to its first text part, minus the
// served attempt's own time to first token (from the route report), is what the VS Code API, the
// message mapping, planning and the budget gate add. Median of 20 after 3 warm-up requests. The
// same calls to a provider in the test extension that answers at once give VS Code's own share, and
// those to a bare provider streaming the same simulator answer give the least any provider shows.
// Needs the e2e provisioning (npm run provision); it builds and packages the extension itself.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { BenchResult } from './run';

export async function run(): Promise<BenchResult[]> {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: 'inherit' });
  const out = execFileSync('npx', ['tsx', 'scripts/e2e-exthost.ts', '--grep', 'lm-api bench'], {
    cwd: root,
    env: { ...process.env, SWITCHBOARD_LM_BENCH: '1' },
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  const m =
    /lm_api_ttft_added_ms=(-?[\d.]+) p90=(-?[\d.]+) floor=(-?[\d.]+) n=\d+ floor_p90=(-?[\d.]+) direct=(-?[\d.]+) direct_p90=(-?[\d.]+)/.exec(
      out,
    );
  if (!m) throw new Error(`the extension-host bench printed no figure:\n${out.slice(-2000)}`);
  console.log(`  (p90 ${m[2]} ms; floor p90 ${m[4]} ms; direct provider p90 ${m[6]} ms)`);
  return [
    { id: 'lm_api_ttft_added_ms', value: Number(m[1]), unit: 'ms', target: '<= 2' },
    // The same API calls to a provider that answers at once: the part of the figure above that is VS Code's own.
    { id: 'lm_api_ttft_vscode_floor_ms', value: Number(m[3]), unit: 'ms' },
    // What is left for Switchboard once VS Code's own share is taken off (medians of the two series).
    { id: 'lm_api_ttft_added_over_floor_ms', value: Number(m[1]) - Number(m[3]), unit: 'ms' },
    // The same figure for a bare provider streaming the same simulator answer (fetch, line split,
    // JSON.parse): VS Code holds parts until the provider's call settles, so this is the least any
    // provider over a host shows; what is left above it is Switchboard's own.
    { id: 'lm_api_ttft_direct_provider_ms', value: Number(m[5]), unit: 'ms' },
    { id: 'lm_api_ttft_added_over_direct_ms', value: Number(m[1]) - Number(m[5]), unit: 'ms' },
  ];
}
