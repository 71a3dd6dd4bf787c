// What the official `openai` SDK makes of a Responses answer, in one shape for the conformance tests.
import OpenAI from 'openai';
import type { Response, ResponseInputItem, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { RESP_KEY } from './rig';

/** The SDK's view: text, calls, usage, status, the encrypted reasoning it kept, or the error event / throw it saw. */
export interface SdkRespView {
  text: string;
  calls: { id: string; name: string; args: unknown }[];
  usage?: { input: number; output: number; cached: number; reasoning: number };
  status?: string;
  incompleteReason?: string;
  encrypted: string[];
  /** The code of an `error` event, or of `response.error` on a failed response. */
  errorCode?: string;
  thrown?: unknown;
  response?: Response;
}

export function sdkClient(simUrl: string): OpenAI {
  return new OpenAI({ baseURL: `${simUrl}/v1`, apiKey: RESP_KEY, maxRetries: 0, timeout: 5_000 });
}

/** The view of a finished Response object. */
export function viewOf(r: Response): SdkRespView {
  const v: SdkRespView = { text: r.output_text, calls: [], encrypted: [], status: r.status, response: r };
  for (const item of r.output) {
    // The SDK keeps argument text as sent; parsing it is what its users do.
    if (item.type === 'function_call')
      v.calls.push({ id: item.call_id, name: item.name, args: item.arguments ? JSON.parse(item.arguments) : {} });
    else if (item.type === 'reasoning' && item.encrypted_content) v.encrypted.push(item.encrypted_content);
  }
  const u = r.usage;
  if (u)
    v.usage = {
      input: u.input_tokens,
      output: u.output_tokens,
      cached: u.input_tokens_details.cached_tokens,
      reasoning: u.output_tokens_details.reasoning_tokens,
    };
  v.incompleteReason = r.incomplete_details?.reason ?? undefined;
  v.errorCode = r.error?.code ?? undefined;
  return v;
}

/** `client.responses.stream(...)`, read to its final response. */
export async function viaSdkStream(simUrl: string, model: string, input: string | ResponseInputItem[] = 'Weather?'): Promise<SdkRespView> {
  const events: ResponseStreamEvent[] = [];
  try {
    const stream = sdkClient(simUrl).responses.stream({ model, input, store: false, include: ['reasoning.encrypted_content'] });
    stream.on('event', (e) => events.push(e));
    const v = viewOf(await stream.finalResponse());
    const err = events.find((e) => e.type === 'error');
    if (err?.type === 'error') v.errorCode = err.code ?? undefined;
    return v;
  } catch (e) {
    const err = events.find((x) => x.type === 'error');
    return { text: '', calls: [], encrypted: [], thrown: e, errorCode: err?.type === 'error' ? (err.code ?? undefined) : undefined };
  }
}

/** `client.responses.create(...)` without streaming: one JSON body. */
export async function viaSdkCreate(simUrl: string, model: string): Promise<SdkRespView> {
  const r = await sdkClient(simUrl).responses.create({ model, input: 'Weather?', stream: false, store: false });
  return viewOf(r);
}
