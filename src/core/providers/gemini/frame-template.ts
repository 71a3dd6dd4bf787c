// Gemini's text frames differ from one another in the text and in the cumulative token counts,
// so one fixed template (as for OpenAI chunks) never matches. This one has holes for both: once a
// plain frame has been parsed and checked, a later line made of the same bytes around a text JSON
// writes unescaped and plain integer counts is read without JSON.parse, and gives the object
// JSON.parse would give. Anything else returns undefined and goes through the full parse.
import { hasAt, JSON_ESCAPED } from '../text-template';
import type { GeminiResponse, GeminiUsage } from './response-schema';

type Frame = GeminiResponse & Record<string, unknown>;
type Obj = Record<string, unknown>;

// Private-use characters mark the holes; JSON.stringify writes them as they are.
const TEXT_MARK = '\uE000\uF8FF\uE000';
const HOLE = /\uE000\uF8FF\uE000|"\uE001(\d+)\uF8FF"/g;
// Integers JSON writes as digits and Number reads back exactly (no sign, exponent or fraction).
const MAX_DIGITS = 15;

/** The bytes of a one-part text frame, with holes for the text and each integer usage count. */
export class GeminiFrameTemplate {
  private literals: string[] | undefined;
  /** Per hole after the first literal: -1 for the text, else the index into `counts`. */
  private holes: number[] = [];
  private counts: string[] = [];
  private base: Frame | undefined;
  private tries = 0;

  /**
   * Learns `data` when it is exactly `JSON.stringify(frame)` of a frame with one candidate whose
   * one part is only `text` and which has no finish reason. `frame` must already be checked.
   */
  learn(data: string, frame: Frame): void {
    if (this.literals !== undefined || this.tries >= 3) return;
    this.tries++;
    const part = onlyTextPart(frame);
    if (part === undefined || data.includes('\uF8FF') || JSON.stringify(frame) !== data) return;
    const usage = frame.usageMetadata as Obj | undefined;
    const counts = usage ? Object.keys(usage).filter((k) => isCount(usage[k])) : [];
    const marked = withHoles(frame, TEXT_MARK, usage && { ...usage, ...Object.fromEntries(counts.map((k, i) => [k, `\uE001${i}\uF8FF`])) });
    const { literals, holes } = splitAtHoles(JSON.stringify(marked));
    if (holes.filter((h) => h === -1).length !== 1 || holes.length !== counts.length + 1) return;
    this.literals = literals;
    this.holes = holes;
    this.counts = counts;
    this.base = frame;
  }

  /** The frame `JSON.parse(data)` gives, when `data` is the template's bytes around its holes. */
  read(data: string): GeminiResponse | undefined {
    const lits = this.literals;
    if (lits === undefined || !hasAt(data, lits[0], 0)) return undefined;
    let at = lits[0].length;
    let text: string | undefined;
    const values: number[] = [];
    for (let i = 0; i < this.holes.length; i++) {
      const hole = this.holes[i];
      const end = hole === -1 ? data.indexOf('"', at) : digitsEnd(data, at);
      if (end < 0) return undefined;
      const piece = data.slice(at, end);
      if (hole === -1) {
        if (JSON_ESCAPED.test(piece)) return undefined;
        text = piece;
      } else {
        if (piece.length > 1 && piece.charCodeAt(0) === 48) return undefined;
        values[hole] = Number(piece);
      }
      if (!hasAt(data, lits[i + 1], end)) return undefined;
      at = end + lits[i + 1].length;
    }
    if (at !== data.length || text === undefined) return undefined;
    let usage: Obj | undefined;
    if (this.counts.length > 0) {
      usage = { ...(this.base!.usageMetadata as Obj) };
      for (let i = 0; i < this.counts.length; i++) usage[this.counts[i]] = values[i];
    }
    return withHoles(this.base!, text, usage);
  }
}

/** `frame` with its one part's text and, when given, its usage replaced; the rest is shared. */
function withHoles(frame: Frame, text: string, usage: Obj | undefined): Frame {
  const cand = frame.candidates![0] as Obj;
  const content = cand.content as Obj;
  const part = (content.parts as Obj[])[0];
  const out: Frame = { ...frame, candidates: [{ ...cand, content: { ...content, parts: [{ ...part, text }] } }] };
  if (usage) out.usageMetadata = usage as GeminiUsage;
  return out;
}

/** The literal bytes between the marks of `bytes`, and which hole each mark is. */
function splitAtHoles(bytes: string): { literals: string[]; holes: number[] } {
  const literals: string[] = [];
  const holes: number[] = [];
  let at = 0;
  for (const m of bytes.matchAll(HOLE)) {
    literals.push(bytes.slice(at, m.index));
    holes.push(m[1] === undefined ? -1 : Number(m[1]));
    at = m.index + m[0].length;
  }
  literals.push(bytes.slice(at));
  return { literals, holes };
}

function onlyTextPart(frame: Frame): Obj | undefined {
  const cands = frame.candidates;
  if (!Array.isArray(cands) || cands.length !== 1) return undefined;
  const cand = cands[0] as Obj;
  if (cand.finishReason !== undefined) return undefined;
  const parts = (cand.content as Obj | undefined)?.parts;
  if (!Array.isArray(parts) || parts.length !== 1) return undefined;
  const part = parts[0] as Obj;
  const keys = Object.keys(part);
  return keys.length === 1 && keys[0] === 'text' && typeof part.text === 'string' ? part : undefined;
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Where a run of 1 to MAX_DIGITS ASCII digits from `at` ends, or -1. */
function digitsEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && i - at <= MAX_DIGITS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i === at || i - at > MAX_DIGITS ? -1 : i;
}
