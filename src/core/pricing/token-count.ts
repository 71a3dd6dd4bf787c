// Local token counts for streams that sent no usage and for pre-send estimates.
import type * as GptTokenizer from 'gpt-tokenizer';
import type { ChatMessage, ContentPart, ToolDefinition } from '../types';

let tokenizer: typeof GptTokenizer | undefined;

/**
 * gpt-tokenizer's BPE ranks are ~2.7 MB of code: required on the first count, not when the
 * extension activates. The production build maps this require to its own chunk (see esbuild.js).
 */
function countTokens(text: string): number {
  tokenizer ??= require('gpt-tokenizer') as typeof GptTokenizer;
  return tokenizer.countTokens(text);
}

/** Tokenizer families we approximate. */
type TokenizerFamily = 'openai' | 'anthropic' | 'gemini' | 'llama' | 'other';

/**
 * Multipliers applied to the o200k count for families whose tokenizers are not public or not bundled.
 * Approximations, biased slightly high because an estimate guards budgets:
 * - openai: exact (o200k_base is the tokenizer of gpt-4o, gpt-4.1, gpt-5, o-series, gpt-oss);
 * - anthropic: Claude's tokenizer yields roughly 15–25% more tokens than o200k on English and code → 1.2;
 * - gemini: SentencePiece with a 256k vocabulary, close to o200k → 1.05;
 * - llama: Llama 3's 128k tiktoken-style vocabulary, close to cl100k, a bit more than o200k → 1.1;
 * - other (Mistral, DeepSeek, Qwen, …): smaller or unknown vocabularies → 1.15.
 */
export const FAMILY_FACTOR: Readonly<Record<TokenizerFamily, number>> = {
  openai: 1,
  anthropic: 1.2,
  gemini: 1.05,
  llama: 1.1,
  other: 1.15,
};

/** Per-message framing (role markers) and the primer of the reply, as in OpenAI's chat format. */
export const TOKENS_PER_MESSAGE = 4;
/** Added once per prompt for the assistant's reply primer. */
export const REPLY_PRIMER_TOKENS = 3;
/** A flat allowance per image: vendors charge ~85–1,600 tokens depending on size and detail. */
export const TOKENS_PER_IMAGE = 1_000;

/** Guesses the tokenizer family from a canonical or provider model id. */
export function familyOf(model: string): TokenizerFamily {
  const m = model.toLowerCase();
  if (/claude|anthropic/.test(m)) return 'anthropic';
  if (/gemini|gemma|google\//.test(m)) return 'gemini';
  if (/llama/.test(m)) return 'llama';
  if (/(^|\/)(gpt|o\d|chatgpt|openai)|gpt-oss|codex/.test(m)) return 'openai';
  return 'other';
}

/** How a count was made, for display (`o200k` or `o200k×1.2 (anthropic approx.)`). */
export function methodOf(family: TokenizerFamily): string {
  return family === 'openai' ? 'o200k' : `o200k×${FAMILY_FACTOR[family]} (${family} approx.)`;
}

/** Counts the tokens of a text: the real tokenizer, or a cheap bound. */
type TextCounter = (text: string) => number;

/**
 * A byte-level BPE token covers at least one UTF-8 byte, so the byte count bounds the token count
 * from above at a tiny fraction of the tokenizer's cost (it is native and linear).
 */
const utf8Bytes: TextCounter = (text) => Buffer.byteLength(text, 'utf8');

/** Tokens of a plain text for a model. */
export function countTextTokens(text: string, model: string, count: TextCounter = countTokens): number {
  if (!text) return 0;
  return Math.ceil(count(text) * FAMILY_FACTOR[familyOf(model)]);
}

/** Tokens of a whole prompt: text, per-message framing, images, and the reply primer. */
export function countPromptTokens(messages: readonly ChatMessage[], model: string, count: TextCounter = countTokens): number {
  if (messages.length === 0) return 0;
  let tokens = REPLY_PRIMER_TOKENS;
  for (const m of messages) {
    if (typeof m.content === 'string') {
      tokens += TOKENS_PER_MESSAGE + countTextTokens(m.content, model, count);
      continue;
    }
    tokens += TOKENS_PER_MESSAGE + countTextTokens(m.content.map(promptText).join(''), model, count);
    tokens +=
      m.content.filter(
        (p) =>
          p.type === 'image' || (p.type === 'tool-result' && typeof p.content !== 'string' && p.content.some((c) => c.type === 'image')),
      ).length * TOKENS_PER_IMAGE;
  }
  return tokens;
}

/** Per tool: the function wrapper and name markers vendors add around each definition. */
export const TOKENS_PER_TOOL = 12;

/**
 * Tokens of tool definitions: vendors render each as its name, description and JSON Schema
 * inside the prompt, so the schema text is counted as JSON.
 */
export function countToolTokens(tools: readonly ToolDefinition[] | undefined, model: string, count: TextCounter = countTokens): number {
  if (!tools?.length) return 0;
  let tokens = 0;
  for (const t of tools)
    tokens += TOKENS_PER_TOOL + countTextTokens(`${t.name}\n${t.description ?? ''}\n${JSON.stringify(t.parameters)}`, model, count);
  return tokens;
}

/**
 * An upper bound of countPromptTokens plus countToolTokens that never runs the tokenizer: the same
 * framing, with each text's UTF-8 bytes in place of its tokens. For the budget check, which needs
 * the exact count only when the bound could reach a limit.
 */
export function inputTokensUpperBound(
  request: { messages: readonly ChatMessage[]; tools?: readonly ToolDefinition[] },
  model: string,
): number {
  return countPromptTokens(request.messages, model, utf8Bytes) + countToolTokens(request.tools, model, utf8Bytes);
}

/** The text of a part as it is sent in a prompt: tool calls as JSON, results and reasoning as text. */
function promptText(p: ContentPart): string {
  switch (p.type) {
    case 'text':
    case 'reasoning':
      return p.text;
    case 'tool-call':
      return `${p.name}${JSON.stringify(p.args ?? {})}`;
    case 'tool-result':
      return typeof p.content === 'string' ? p.content : p.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    case 'image':
      return '';
  }
}
