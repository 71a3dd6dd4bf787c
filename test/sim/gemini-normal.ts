// Gemini streams that complete: plain text, thinking, cache hits, every finish reason, blocked
// prompts and awkward framing. Each carries what a correct client must make of it.
import type { FinishReason, Usage } from '../../src/core/types';
import type { RecordedRequest, Scenario } from './server';
import { geminiStream, type SimFrame } from './gemini-wire';

/** What a client should see at the end of a completed stream. */
export interface GeminiOutcome {
  text: string;
  reasoning: string;
  /** Undefined when the stream carried no usage at all. */
  usage?: Usage;
  finish: FinishReason;
  /** Gemini's raw finishReason (or the block reason for a blocked prompt). */
  raw: string;
}

/** A scripted stream with its expected outcome. */
export interface GeminiNormalCase {
  scenario: (req: RecordedRequest) => Scenario;
  expect: GeminiOutcome;
}

const usage = (input: number, output: number, extra: Partial<Usage> = {}): Usage => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...extra,
});

const HELLO: SimFrame[] = [
  { parts: [{ text: 'Hello' }], usage: { prompt: 8 } },
  { parts: [{ text: ', world' }], usage: { prompt: 8 } },
  { parts: [{ text: '!' }], finishReason: 'STOP', usage: { prompt: 8, candidates: 4 } },
];

const THINKING: SimFrame[] = [
  { parts: [{ text: '**Weighing the question**\nThe user wants a number.', thought: true }], usage: { prompt: 20, thoughts: 64 } },
  { parts: [{ text: ' Six times seven.', thought: true }], usage: { prompt: 20, thoughts: 120 } },
  { parts: [{ text: 'The answer is ', thoughtSignature: 'c2lnbmF0dXJlLTE=' }], usage: { prompt: 20, candidates: 4, thoughts: 120 } },
  { parts: [{ text: '42.' }], finishReason: 'STOP', usage: { prompt: 20, candidates: 6, thoughts: 120 } },
];

const UNICODE_TEXT = ['Grüße 👋 — ', '日本語のテキスト ✓ ', 'naïve café 🇫🇷'];

/** One short answer ending with `reason`, for the finish-reason table. */
function finishCase(reason: string, finish: FinishReason): GeminiNormalCase {
  return {
    scenario: () =>
      geminiStream([
        { parts: [{ text: 'Partial' }], usage: { prompt: 5 } },
        { parts: [{ text: ' text' }], finishReason: reason, usage: { prompt: 5, candidates: 2 } },
      ]),
    expect: { text: 'Partial text', reasoning: '', usage: usage(5, 2), finish, raw: reason },
  };
}

const FINISH_TABLE: Record<string, FinishReason> = {
  OTHER: 'stop',
  FINISH_REASON_UNSPECIFIED: 'stop',
  NO_IMAGE: 'stop',
  IMAGE_OTHER: 'stop',
  CONTINUATION: 'length',
  RECITATION: 'content_filter',
  LANGUAGE: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  IMAGE_PROHIBITED_CONTENT: 'content_filter',
  IMAGE_RECITATION: 'content_filter',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  TOO_MANY_TOOL_CALLS: 'error',
};

/** Completed streams by name; the simulator serves them for model `sim-<name>`. */
export const GEMINI_NORMAL: Record<string, GeminiNormalCase> = {
  hello: {
    scenario: () => geminiStream(HELLO),
    expect: { text: 'Hello, world!', reasoning: '', usage: usage(8, 4), finish: 'stop', raw: 'STOP' },
  },
  'lf-endings': {
    scenario: () => geminiStream(HELLO, { lf: true }),
    expect: { text: 'Hello, world!', reasoning: '', usage: usage(8, 4), finish: 'stop', raw: 'STOP' },
  },
  thinking: {
    scenario: () => geminiStream(THINKING),
    expect: {
      text: 'The answer is 42.',
      reasoning: '**Weighing the question**\nThe user wants a number. Six times seven.',
      usage: usage(20, 126, { reasoningTokens: 120 }),
      finish: 'stop',
      raw: 'STOP',
    },
  },
  cached: {
    scenario: () =>
      geminiStream([
        { parts: [{ text: 'From the cache, ' }], usage: { prompt: 2100, cached: 2048 } },
        { parts: [{ text: 'quickly.' }], finishReason: 'STOP', usage: { prompt: 2100, candidates: 5, cached: 2048, thoughts: 10 } },
      ]),
    expect: {
      text: 'From the cache, quickly.',
      reasoning: '',
      usage: usage(2100, 15, { cacheReadTokens: 2048, reasoningTokens: 10 }),
      finish: 'stop',
      raw: 'STOP',
    },
  },
  'multi-part': {
    scenario: () =>
      geminiStream([
        { parts: [{ text: 'thinking…', thought: true }, { text: 'One. ' }, { text: 'Two.' }], usage: { prompt: 3 } },
        { parts: [{ text: '' }], finishReason: 'STOP', usage: { prompt: 3, candidates: 2, thoughts: 1 } },
      ]),
    expect: { text: 'One. Two.', reasoning: 'thinking…', usage: usage(3, 3, { reasoningTokens: 1 }), finish: 'stop', raw: 'STOP' },
  },
  // Usage only on the last frame, and an empty last text part, as older models send.
  'usage-last-only': {
    scenario: () =>
      geminiStream([
        { parts: [{ text: 'Okay' }] },
        { parts: [{ text: '' }], finishReason: 'STOP', usage: { prompt: 2301, candidates: 1 } },
      ]),
    expect: { text: 'Okay', reasoning: '', usage: usage(2301, 1), finish: 'stop', raw: 'STOP' },
  },
  'no-usage': {
    scenario: () => geminiStream([{ parts: [{ text: 'Bare.' }], finishReason: 'STOP' }]),
    expect: { text: 'Bare.', reasoning: '', finish: 'stop', raw: 'STOP' },
  },
  unicode: {
    scenario: () =>
      geminiStream(
        UNICODE_TEXT.map((text, i) => ({
          parts: [{ text }],
          usage: { prompt: 9, candidates: i === 2 ? 12 : undefined },
          finishReason: i === 2 ? 'STOP' : undefined,
        })),
        { chunkSize: 5 },
      ),
    expect: { text: UNICODE_TEXT.join(''), reasoning: '', usage: usage(9, 12), finish: 'stop', raw: 'STOP' },
  },
  'slow-drip': {
    scenario: () => geminiStream(HELLO, { chunkSize: 24, delayMs: 3 }),
    expect: { text: 'Hello, world!', reasoning: '', usage: usage(8, 4), finish: 'stop', raw: 'STOP' },
  },
  'max-tokens': {
    scenario: () =>
      geminiStream([
        { parts: [{ text: 'A long answer that' }], usage: { prompt: 6 } },
        { parts: [{ text: ' was cut' }], finishReason: 'MAX_TOKENS', usage: { prompt: 6, candidates: 16 } },
      ]),
    expect: { text: 'A long answer that was cut', reasoning: '', usage: usage(6, 16), finish: 'length', raw: 'MAX_TOKENS' },
  },
  // Gemini stops a harmful answer with SAFETY and drops the candidate's content.
  'safety-mid-answer': {
    scenario: () =>
      geminiStream([
        { parts: [{ text: 'Here is how you' }], usage: { prompt: 11 } },
        { noContent: true, finishReason: 'SAFETY', safetyBlocked: true, usage: { prompt: 11, candidates: 4 } },
      ]),
    expect: { text: 'Here is how you', reasoning: '', usage: usage(11, 4), finish: 'content_filter', raw: 'SAFETY' },
  },
  'prompt-blocked': {
    scenario: () => geminiStream([{ blockReason: 'SAFETY', usage: { prompt: 7 } }]),
    expect: { text: '', reasoning: '', usage: usage(7, 0), finish: 'content_filter', raw: 'SAFETY' },
  },
  ...Object.fromEntries(
    Object.entries(FINISH_TABLE).map(([reason, finish]) => [
      `finish-${reason.toLowerCase().replace(/_/g, '-')}`,
      finishCase(reason, finish),
    ]),
  ),
};
