// `GET {base}/models`, paged, keeping only models that can chat (generateContent).
import { ProviderError } from '../../errors';
import type { ModelInfo } from '../../types';
import type { CallContext } from '../descriptor';
import { errorFromResponse } from '../http-error';
import { authHeaders, joinUrl } from '../request-util';
import { parseGeminiErrorBody } from './error-body';
import { geminiModelListSchema } from './response-schema';

const PAGE_SIZE = 1000;
// Google lists a few dozen models; a listing that never ends is a bug upstream, not a reason to loop.
const MAX_PAGES = 20;

/** Lists Gemini chat models, following nextPageToken. Throws ProviderError. */
export async function listGeminiModels(ctx: CallContext, signal?: AbortSignal): Promise<ModelInfo[]> {
  const d = ctx.descriptor;
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  const out: ModelInfo[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const qs = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
    if (pageToken) qs.set('pageToken', pageToken);
    const res = await ctx.http.send({
      method: 'GET',
      url: `${joinUrl(d.baseUrl, 'models')}?${qs}`,
      headers: { accept: 'application/json', ...d.extraHeaders, ...authHeaders(d, ctx.apiKey) },
      signal,
      provider: d.id,
    });
    if (res.status < 200 || res.status >= 300) throw await errorFromResponse(res, d, parseGeminiErrorBody, secrets);
    const text = await res.text(8_000_000);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw protocol(d.id, `${d.displayName} returned a model list that is not JSON.`);
    }
    const parsed = geminiModelListSchema.safeParse(json);
    if (!parsed.success) throw protocol(d.id, `${d.displayName} returned a model list in an unexpected shape.`);
    for (const m of parsed.data.models ?? []) {
      if (!(m.supportedGenerationMethods ?? []).includes('generateContent')) continue;
      const id = m.name.replace(/^models\//, '');
      out.push({ id, displayName: m.displayName ?? id, contextWindow: m.inputTokenLimit, maxOutputTokens: m.outputTokenLimit });
    }
    pageToken = parsed.data.nextPageToken;
    if (!pageToken) break;
  }
  return out;
}

function protocol(provider: string, message: string): ProviderError {
  return new ProviderError({ category: 'protocol', provider, message, retryable: true });
}
