// One small switch from Anthropic's stop_reason to our FinishReason.
import type { FinishReason } from '../../types';

/**
 * Maps Anthropic's `stop_reason`. Unknown future values count as a normal stop; the raw value
 * travels alongside in the finish event so nothing is lost.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
    // pause_turn: a server-tool loop hit its iteration limit; the text so far is a complete turn.
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    // The answer filled the context window: truncated just like max_tokens.
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
