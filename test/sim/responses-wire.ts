// Byte-exact pieces of the OpenAI Responses API stream, for the simulator's scenarios. The event
// sequence (created, in_progress, item added, parts, deltas, dones, completed) and every event's
// `sequence_number` follow OpenAI's published stream, so the official SDK's accumulator reads it.
// @see https://platform.openai.com/docs/api-reference/responses-streaming
import { sseBytes } from './server';

/** Token counts a scenario reports. */
export interface RespUsage {
  input: number;
  output: number;
  cached?: number;
  reasoning?: number;
}

/** One function call: its item id, call id, name, and its argument text in the fragments it streams as. */
export interface RespCall {
  itemId: string;
  callId: string;
  name: string;
  argPieces: string[];
}

/** What one answer holds, in output order: reasoning, text, calls. */
export interface RespAnswer {
  id?: string;
  model?: string;
  reasoning?: { summary: string[]; encrypted: string; itemId?: string };
  text?: string[];
  calls?: RespCall[];
  usage: RespUsage;
  /** `incomplete` with a reason ends with response.incomplete. */
  incomplete?: 'max_output_tokens' | 'content_filter';
}

/** The Responses usage block. */
export function respUsage(u: RespUsage): Record<string, unknown> {
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached ?? 0 },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning ?? 0 },
    total_tokens: u.input + u.output,
  };
}

/** The response object of lifecycle events. */
export function responseObject(
  a: RespAnswer,
  status: string,
  output: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: a.id ?? 'resp_sim_1',
    object: 'response',
    created_at: 1_760_000_000,
    status,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: a.model ?? 'gpt-sim-5',
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    metadata: {},
    ...extra,
  };
}

/** Numbers the events of one stream. */
export class EventLog {
  readonly events: Record<string, unknown>[] = [];
  add(type: string, fields: Record<string, unknown>): void {
    this.events.push({ type, sequence_number: this.events.length, ...fields });
  }
}

/** The finished output items of an answer, as response.completed lists them. */
export function outputItems(a: RespAnswer): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (a.reasoning) out.push(reasoningItem(a));
  if (a.text) out.push(messageItem(a.text.join('')));
  for (const c of a.calls ?? []) out.push(callItem(c, c.argPieces.join(''), 'completed'));
  return out;
}

function reasoningItem(a: RespAnswer): Record<string, unknown> {
  const r = a.reasoning!;
  return {
    id: r.itemId ?? 'rs_sim_1',
    type: 'reasoning',
    summary: r.summary.map((text) => ({ type: 'summary_text', text })),
    encrypted_content: r.encrypted,
  };
}

function messageItem(text: string, status = 'completed'): Record<string, unknown> {
  return {
    id: 'msg_sim_1',
    type: 'message',
    status,
    role: 'assistant',
    content: status === 'in_progress' ? [] : [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
}

function callItem(c: RespCall, args: string, status: string): Record<string, unknown> {
  return { id: c.itemId, type: 'function_call', status, arguments: args, call_id: c.callId, name: c.name };
}

/** Every event of an answer, up to (not including) its terminal event. */
export function answerEvents(a: RespAnswer, log = new EventLog()): EventLog {
  log.add('response.created', { response: responseObject(a, 'in_progress', []) });
  log.add('response.in_progress', { response: responseObject(a, 'in_progress', []) });
  let index = 0;
  if (a.reasoning) reasoningEvents(a, index++, log);
  if (a.text) textEvents(a.text, index++, log);
  for (const c of a.calls ?? []) callEvents(c, index++, log);
  return log;
}

function reasoningEvents(a: RespAnswer, output_index: number, log: EventLog): void {
  const done = reasoningItem(a);
  const item_id = done.id;
  log.add('response.output_item.added', { output_index, item: { id: item_id, type: 'reasoning', summary: [] } });
  a.reasoning!.summary.forEach((text, summary_index) => {
    const part = { type: 'summary_text', text: '' };
    log.add('response.reasoning_summary_part.added', { item_id, output_index, summary_index, part });
    log.add('response.reasoning_summary_text.delta', { item_id, output_index, summary_index, delta: text });
    log.add('response.reasoning_summary_text.done', { item_id, output_index, summary_index, text });
    log.add('response.reasoning_summary_part.done', { item_id, output_index, summary_index, part: { ...part, text } });
  });
  log.add('response.output_item.done', { output_index, item: done });
}

function textEvents(pieces: string[], output_index: number, log: EventLog): void {
  const item_id = 'msg_sim_1';
  const text = pieces.join('');
  log.add('response.output_item.added', { output_index, item: messageItem('', 'in_progress') });
  const empty = { type: 'output_text', text: '', annotations: [], logprobs: [] };
  log.add('response.content_part.added', { item_id, output_index, content_index: 0, part: empty });
  for (const delta of pieces) log.add('response.output_text.delta', { item_id, output_index, content_index: 0, delta, logprobs: [] });
  log.add('response.output_text.done', { item_id, output_index, content_index: 0, text, logprobs: [] });
  log.add('response.content_part.done', { item_id, output_index, content_index: 0, part: { ...empty, text } });
  log.add('response.output_item.done', { output_index, item: messageItem(text) });
}

function callEvents(c: RespCall, output_index: number, log: EventLog): void {
  const args = c.argPieces.join('');
  log.add('response.output_item.added', { output_index, item: callItem(c, '', 'in_progress') });
  for (const delta of c.argPieces) log.add('response.function_call_arguments.delta', { item_id: c.itemId, output_index, delta });
  log.add('response.function_call_arguments.done', { item_id: c.itemId, output_index, arguments: args });
  log.add('response.output_item.done', { output_index, item: callItem(c, args, 'completed') });
}

/** The terminal event: response.completed, or response.incomplete with its reason. */
export function terminalEvent(a: RespAnswer, log: EventLog): void {
  const usage = respUsage(a.usage);
  if (a.incomplete)
    log.add('response.incomplete', {
      response: responseObject(a, 'incomplete', outputItems(a), { usage, incomplete_details: { reason: a.incomplete } }),
    });
  else log.add('response.completed', { response: responseObject(a, 'completed', outputItems(a), { usage }) });
}

/** Events as SSE bytes: `event: <type>` then the JSON, as OpenAI frames them. */
export function respFrames(events: readonly Record<string, unknown>[]): string {
  return sseBytes(events.map((e) => ({ event: e.type === undefined ? undefined : String(e.type), data: JSON.stringify(e) })));
}

/** A whole answer's stream. */
export function answerBytes(a: RespAnswer): string {
  const log = answerEvents(a);
  terminalEvent(a, log);
  return respFrames(log.events);
}

/** Responses' HTTP error body (OpenAI's shape). */
export function respErrorBody(message: string, type: string, code: string | null, param: string | null = null): Record<string, unknown> {
  return { error: { message, type, param, code } };
}

/** The bench answer's `tokens` one-word text deltas, as a real model streams them. */
export function respBenchText(tokens: number): string[] {
  return Array.from({ length: tokens }, (_, i) => (i === 0 ? 'BENCH0' : ` w${i}`));
}
