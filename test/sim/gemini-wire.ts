// Gemini wire-format builders for the simulator: GenerateContentResponse frames exactly as
// `:streamGenerateContent?alt=sse` sends them (`data: {…}\r\n\r\n`), and google.rpc.Status errors.
import { chunked, jsonError, SSE_HEADERS, type Scenario, type Step } from './server';

/** The model version the simulated frames claim to come from. */
export const SIM_GEMINI_MODEL_VERSION = 'gemini-2.5-flash';
/** The responseId every simulated frame carries. */
export const SIM_GEMINI_RESPONSE_ID = 'sim-resp-7bKx2Q';

/** A part of a simulated candidate. */
export interface SimPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
}

/** Counts for a simulated usageMetadata block. */
export interface SimUsage {
  prompt: number;
  candidates?: number;
  thoughts?: number;
  cached?: number;
}

/** What one simulated frame contains. */
export interface SimFrame {
  parts?: SimPart[];
  finishReason?: string;
  finishMessage?: string;
  usage?: SimUsage;
  blockReason?: string;
  /** Drops `content` from the candidate, as Gemini does on a SAFETY stop. */
  noContent?: boolean;
  safetyBlocked?: boolean;
}

/** usageMetadata the way Google fills it, details arrays included. */
export function usageMetadata(u: SimUsage): Record<string, unknown> {
  const out: Record<string, unknown> = { promptTokenCount: u.prompt };
  if (u.candidates !== undefined) out.candidatesTokenCount = u.candidates;
  out.totalTokenCount = u.prompt + (u.candidates ?? 0) + (u.thoughts ?? 0);
  out.promptTokensDetails = [{ modality: 'TEXT', tokenCount: u.prompt }];
  if (u.cached !== undefined) {
    out.cachedContentTokenCount = u.cached;
    out.cacheTokensDetails = [{ modality: 'TEXT', tokenCount: u.cached }];
  }
  if (u.thoughts !== undefined) out.thoughtsTokenCount = u.thoughts;
  return out;
}

/** One GenerateContentResponse object. */
export function geminiFrame(f: SimFrame): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.blockReason) {
    out.promptFeedback = {
      blockReason: f.blockReason,
      safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }],
    };
  } else {
    const cand: Record<string, unknown> = {};
    if (!f.noContent) cand.content = { parts: f.parts ?? [], role: 'model' };
    if (f.finishReason) cand.finishReason = f.finishReason;
    if (f.finishMessage) cand.finishMessage = f.finishMessage;
    if (f.safetyBlocked) cand.safetyRatings = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }];
    cand.index = 0;
    out.candidates = [cand];
  }
  if (f.usage) out.usageMetadata = usageMetadata(f.usage);
  out.modelVersion = SIM_GEMINI_MODEL_VERSION;
  out.responseId = SIM_GEMINI_RESPONSE_ID;
  return out;
}

/** Serializes frames as Google does: one `data:` line per frame, CRLF line endings by default. */
export function geminiSse(frames: (SimFrame | Record<string, unknown> | string)[], opts: { lf?: boolean } = {}): string {
  const nl = opts.lf ? '\n' : '\r\n';
  return frames
    .map((f) => {
      const data = typeof f === 'string' ? f : JSON.stringify(isSimFrame(f) ? geminiFrame(f) : f);
      return `data: ${data}${nl}${nl}`;
    })
    .join('');
}

/** How a simulated stream is put on the wire. */
export interface StreamShape {
  lf?: boolean;
  /** Bytes per write, so UTF-8 characters and SSE lines straddle chunks. */
  chunkSize?: number;
  /** Delay between writes. */
  delayMs?: number;
  /** Steps appended after the frames (reset, stall, a raw error tail…). */
  after?: Step[];
}

/** A 200 SSE response made of frames. */
export function geminiStream(frames: (SimFrame | Record<string, unknown> | string)[], shape: StreamShape = {}): Scenario {
  const body = geminiSse(frames, { lf: shape.lf });
  const steps: Step[] = shape.chunkSize
    ? chunked(body, shape.chunkSize, shape.delayMs)
    : frameSteps(body, shape.lf ? '\n\n' : '\r\n\r\n', shape.delayMs ?? 0);
  return { status: 200, headers: { ...SSE_HEADERS, 'x-gemini-service-tier': 'standard' }, steps: [...steps, ...(shape.after ?? [])] };
}

/** A google.rpc.Status error body. */
export function geminiStatus(
  code: number,
  status: string,
  message: string,
  details?: Record<string, unknown>[],
): { error: Record<string, unknown> } {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

/** An HTTP error response in Gemini's shape. */
export function geminiHttpError(
  code: number,
  status: string,
  message: string,
  opts: { details?: Record<string, unknown>[]; headers?: Record<string, string>; arrayForm?: boolean } = {},
): Scenario {
  const body = geminiStatus(code, status, message, opts.details);
  return jsonError(code, opts.arrayForm ? [body] : body, { 'content-type': 'application/json; charset=UTF-8', ...opts.headers });
}

/** The bare, pretty-printed error JSON Google appends to a 200 stream when it gives up mid-answer. */
export function rawErrorTail(code: number, status: string, message: string): string {
  return JSON.stringify(geminiStatus(code, status, message), null, 2) + '\n';
}

function isSimFrame(f: SimFrame | Record<string, unknown>): f is SimFrame {
  return !('candidates' in f) && !('promptFeedback' in f) && !('error' in f) && !('usageMetadata' in f);
}

function frameSteps(body: string, sep: string, delayMs: number): Step[] {
  const steps: Step[] = [];
  for (const part of body.split(sep).filter(Boolean)) {
    if (delayMs && steps.length) steps.push({ kind: 'delay', ms: delayMs });
    steps.push({ kind: 'write', data: part + sep });
  }
  return steps;
}
