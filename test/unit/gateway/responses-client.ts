// The SDK's streaming Responses call, folded for assertions.
import type OpenAI from 'openai';

export type ResponsesEvent = OpenAI.Responses.ResponseStreamEvent;

/** Streams a request with `responses.stream` and returns every event and the SDK's final response. */
export async function streamed(
  client: OpenAI,
  body: Parameters<OpenAI['responses']['stream']>[0],
): Promise<{ events: ResponsesEvent[]; final: OpenAI.Responses.Response }> {
  const s = client.responses.stream(body);
  const events: ResponsesEvent[] = [];
  for await (const e of s) events.push(e);
  return { events, final: await s.finalResponse() };
}
