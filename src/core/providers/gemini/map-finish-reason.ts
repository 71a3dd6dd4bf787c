// Gemini's FinishReason enum, as of @google/genai 2.x, mapped onto our normalized reasons.
import type { FinishReason } from '../../types';

/**
 * Maps a Gemini `candidates[].finishReason` to a normalized reason. Unknown future values map
 * to `stop`; callers keep the raw value alongside, so nothing is lost.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGeminiFinishReason(raw: string): FinishReason {
  switch (raw) {
    case 'STOP':
    case 'OTHER':
    case 'FINISH_REASON_UNSPECIFIED':
    case 'NO_IMAGE':
    case 'IMAGE_OTHER':
      return 'stop';
    case 'MAX_TOKENS':
    // The per-request token limit was hit but the answer could go on: a truncation, like MAX_TOKENS.
    case 'CONTINUATION':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'LANGUAGE':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content_filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
      return 'error';
    default:
      return 'stop';
  }
}
