// highlight.js with only common languages registered: the full build would triple the bundle.
// CSS (13 KB) and Swift (8 KB) are left out for the 300 KB webview budget; they render unhighlighted.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { inIdlePeriods, type IdleScheduler } from './warm-up';

const languages = {
  bash,
  c,
  cpp,
  csharp,
  diff,
  go,
  java,
  javascript,
  json,
  kotlin,
  markdown,
  php,
  plaintext,
  python,
  ruby,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, def] of Object.entries(languages)) hljs.registerLanguage(name, def);

/** Highlighted HTML for code in a known language, or undefined (the caller escapes it then). */
export function highlightCode(code: string, language: string): string | undefined {
  const lang = language.trim().toLowerCase();
  // Auto-detection runs every grammar on every frame of a stream; too slow, and often wrong.
  if (!lang || !hljs.getLanguage(lang)) return undefined;
  try {
    return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  } catch {
    return undefined;
  }
}

/** Languages most answers use; their grammars are compiled before a stream needs them. */
const WARM_LANGUAGES = ['typescript', 'javascript', 'python', 'bash', 'json'];

/**
 * Compiles each grammar in an idle period of its own. highlight.js compiles a grammar on its first
 * use, tens of milliseconds for TypeScript in a new webview: in a stream that is one long frame.
 */
export function warmHighlighter(whenIdle: IdleScheduler, languages: readonly string[] = WARM_LANGUAGES): void {
  inIdlePeriods(
    whenIdle,
    languages.map((language) => () => void highlightCode('', language)),
  );
}
