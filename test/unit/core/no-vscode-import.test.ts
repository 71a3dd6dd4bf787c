// src/core must run in plain Node: any import of 'vscode' there breaks that promise.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

/** Finds lines in the given sources that import or require the `vscode` module. */
export function findVscodeImports(files: { name: string; text: string }[]): string[] {
  const re = /(?:from\s*['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)|import\s+['"]vscode['"])/;
  return files.flatMap((f) => f.text.split('\n').flatMap((line, i) => (re.test(line) ? [`${f.name}:${i + 1}`] : [])));
}

describe('architecture', () => {
  it('src/core never imports vscode', () => {
    const root = path.resolve(__dirname, '../../../src/core');
    const files = walk(root).map((f) => ({ name: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));
    assert.ok(files.length > 5, 'expected to scan the core sources');
    assert.deepEqual(findVscodeImports(files), []);
  });

  it('the check catches every import form', () => {
    const bad = ["import * as vscode from 'vscode';", 'const v = require("vscode");', "import type { Uri } from 'vscode';", "await import('vscode')"];
    for (const text of bad) assert.equal(findVscodeImports([{ name: 'x.ts', text }]).length, 1, text);
    assert.equal(findVscodeImports([{ name: 'x.ts', text: "import { z } from 'zod'; // vscode-like" }]).length, 0);
  });
});
