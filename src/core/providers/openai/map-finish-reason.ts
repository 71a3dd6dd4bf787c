// OpenAI-compatible finish_reason → our FinishReason.
// @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
import type { FinishReason } from '../../types';

/** Maps a wire finish_reason; unknown values (host-specific) count as a normal stop. */
export function mapOpenAIFinishReason(raw: string): FinishReason {
  switch (raw) {
    case 'stop':
    case 'eos':
    case 'end_turn':
      return 'stop';
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'error':
      return 'error';
    default:
      return 'stop';
  }
}
