// The check that stands in for zod on Gemini's common frame: text (or thought) parts, cumulative
// usage, the model version and response id. It checks exactly what geminiResponseSchema checks
// for that shape (`optional()` there allows a missing field, never null); a function call, a
// prompt block or any field it does not vouch for returns false and goes through zod.

import { isObj, optString as optStr } from '../shape-checks';

const optNum = (v: unknown) => v === undefined || typeof v === 'number';

/** True for a frame of text parts that geminiResponseSchema accepts, checked by hand. */
export function isPlainGeminiFrame(raw: unknown): boolean {
  if (!isObj(raw) || raw.promptFeedback !== undefined) return false;
  if (!optStr(raw.modelVersion) || !optStr(raw.responseId)) return false;
  if (raw.usageMetadata !== undefined && !isPlainUsage(raw.usageMetadata)) return false;
  const cands = raw.candidates;
  if (cands === undefined) return true;
  if (!Array.isArray(cands)) return false;
  for (const c of cands) if (!isPlainCandidate(c)) return false;
  return true;
}

function isPlainUsage(u: unknown): boolean {
  return (
    isObj(u) &&
    optNum(u.promptTokenCount) &&
    optNum(u.candidatesTokenCount) &&
    optNum(u.thoughtsTokenCount) &&
    optNum(u.cachedContentTokenCount) &&
    optNum(u.toolUsePromptTokenCount) &&
    optNum(u.totalTokenCount)
  );
}

function isPlainCandidate(c: unknown): boolean {
  if (!isObj(c) || !optStr(c.finishReason) || !optStr(c.finishMessage) || !optNum(c.index)) return false;
  const content = c.content;
  if (content === undefined) return true;
  if (!isObj(content) || !optStr(content.role)) return false;
  const parts = content.parts;
  if (parts === undefined) return true;
  if (!Array.isArray(parts)) return false;
  for (const p of parts) {
    if (!isObj(p) || p.functionCall !== undefined || !optStr(p.text) || !optStr(p.thoughtSignature)) return false;
    if (p.thought !== undefined && typeof p.thought !== 'boolean') return false;
  }
  return true;
}
