// Bundle sizes of a production build (minified): the host bundle VS Code loads at activation and
// the webview bundle every Switchboard webview loads.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchResult } from './run';

/** Builds with `node esbuild.js --production` and reports the host bundle, its lazy chunks and the webview bundle in KB. */
export async function run(): Promise<BenchResult[]> {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: 'inherit' });
  const kb = (f: string) => fs.statSync(path.join(root, 'dist', f)).size / 1024;
  return [
    { id: 'bundle_host_kb', value: kb('extension.js'), unit: 'KB', target: '<= 400' },
    // Loaded on first use only (see esbuild.js LAZY_CHUNKS), never at activation.
    { id: 'bundle_host_lazy_chunks_kb', value: kb('tokenizer.js') + kb('genai-prices.js') + kb('undici.js'), unit: 'KB' },
    { id: 'bundle_webview_kb', value: kb('webview.js'), unit: 'KB', target: '<= 300' },
    { id: 'bundle_webview_css_kb', value: kb('webview.css'), unit: 'KB' },
  ];
}
