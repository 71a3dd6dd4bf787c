// A body can carry a key in any encoding it uses for strings: JSON escapes (`\/`, `\u002f`),
// percent-encoding (`%2F`, `%2f`) and base64 (Basic credentials, echoed headers). One pattern per
// key matches all of them, mixed within one occurrence too.

const cache = new Map<string, RegExp>();
const CACHE_MAX = 32;

/** A global pattern matching `key` written plainly or in any of the encodings above. */
export function keyFormsPattern(key: string): RegExp {
  let p = cache.get(key);
  if (!p) {
    if (cache.size >= CACHE_MAX) cache.clear();
    const alternatives = [[...key].map(charForms).join(''), ...base64Forms(key).map(escapeRegex)];
    p = new RegExp(alternatives.join('|'), 'g');
    cache.set(key, p);
  }
  p.lastIndex = 0;
  return p;
}

/** One character, plain or escaped. */
function charForms(c: string): string {
  const code = c.codePointAt(0)!;
  const forms = [escapeRegex(c)];
  if (code < 0x10000) forms.push(`\\\\u${hexDigits(code, 4)}`);
  if (c === '/') forms.push('\\\\/');
  for (const byte of Buffer.from(c, 'utf8')) forms.push(`%${hexDigits(byte, 2)}`);
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
