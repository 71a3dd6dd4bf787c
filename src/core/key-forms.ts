// A body can carry a key in any encoding it uses for strings: JSON escapes (`\/`, `\u002f`),
// percent-encoding (`%2F`, `%2f`) and base64 (Basic credentials, echoed headers). One pattern per
// key matches all of them, mixed within one occurrence too.

interface KeyForms {
  pattern: RegExp;
  base64: string[];
}

const cache = new Map<string, KeyForms>();
const CACHE_MAX = 32;

/** `text` with every occurrence of `key`, plain or encoded, replaced by `tag`. */
export function replaceKeyForms(text: string, key: string, tag: string): string {
  const plain = text.includes(key) ? text.split(key).join(tag) : text;
  const forms = formsOf(key);
  // The full pattern is slow to scan; an escaped form needs `%` or `\`, a base64 one its literal.
  if (!plain.includes('%') && !plain.includes('\\') && !forms.base64.some((b) => plain.includes(b))) return plain;
  forms.pattern.lastIndex = 0;
  return plain.replace(forms.pattern, tag);
}

function formsOf(key: string): KeyForms {
  let f = cache.get(key);
  if (!f) {
    if (cache.size >= CACHE_MAX) cache.clear();
    const base64 = base64Forms(key);
    f = { pattern: new RegExp([[...key].map(charForms).join(''), ...base64.map(escapeRegex)].join('|'), 'g'), base64 };
    cache.set(key, f);
  }
  return f;
}

/** One character, plain or escaped. */
function charForms(c: string): string {
  const code = c.codePointAt(0)!;
  const forms = [escapeRegex(c)];
  if (code < 0x10000) forms.push(`\\\\u${hexDigits(code, 4)}`);
  if (c === '/') forms.push('\\\\/');
  // A character of several UTF-8 bytes is percent-encoded as all of them in a row.
  forms.push([...Buffer.from(c, 'utf8')].map((byte) => `%${hexDigits(byte, 2)}`).join(''));
  return `(?:${forms.join('|')})`;
}

/** Hex digits of `n` that match either case. */
function hexDigits(n: number, width: number): string {
  return [...n.toString(16).padStart(width, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

/**
 * The part of the key's base64 that does not depend on its neighbours, at each of the three
 * byte alignments it can have inside a longer encoded value, in both alphabets.
 */
function base64Forms(key: string): string[] {
  const bytes = Buffer.from(key, 'utf8');
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const start = [0, 2, 3][shift];
    const end = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    // Shorter cores would match ordinary text by chance.
    if (core.length < 8) continue;
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(out)];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
