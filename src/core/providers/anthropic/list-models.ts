// GET /v1/models, following Anthropic's cursor pagination, normalized to ModelInfo.
import { z } from 'zod';
import { ProviderError } from '../../errors';
import type { ModelInfo } from '../../types';
import type { CallContext } from '../descriptor';
import { errorFromResponse } from '../http-error';
import { authHeaders, joinUrl } from '../request-util';
import { parseAnthropicErrorBody } from './error-body';

/** zod schema of one page of `GET /v1/models`. */
const anthropicModelsPageSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string().min(1),
      display_name: z.string().nullish(),
      created_at: z.string().nullish(),
      max_input_tokens: z.number().int().positive().nullish(),
      max_tokens: z.number().int().positive().nullish(),
      lifecycle: z.string().nullish(),
    }),
  ),
  has_more: z.boolean().optional(),
  last_id: z.string().nullish(),
});

/** Largest page Anthropic serves; fewer round trips for the catalog refresh. */
const PAGE_LIMIT = 1000;
/** A hostile or buggy server could paginate forever; no real account has this many models. */
const MAX_PAGES = 50;

/** Lists every model the key can use, across all pages. Retired models are dropped. Throws ProviderError. */
export async function listAnthropicModels(ctx: CallContext, signal?: AbortSignal): Promise<ModelInfo[]> {
  const d = ctx.descriptor;
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  // Keyed by id: a server that repeats entries across pages must not duplicate them.
  const out = new Map<string, ModelInfo>();
  const seenCursors = new Set<string>();
  let afterId: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams({ limit: String(PAGE_LIMIT) });
    if (afterId) q.set('after_id', afterId);
    const res = await ctx.http.send({
      method: 'GET',
      url: `${joinUrl(d.baseUrl, 'models')}?${q}`,
      headers: { accept: 'application/json', ...d.extraHeaders, ...authHeaders(d, ctx.apiKey) },
      signal,
      provider: d.id,
    });
    if (res.status < 200 || res.status >= 300) throw await errorFromResponse(res, d, parseAnthropicErrorBody, secrets);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw invalidListing(d.id, d.displayName, 'is not JSON');
    }
    const parsed = anthropicModelsPageSchema.safeParse(json);
    if (!parsed.success)
      throw invalidListing(d.id, d.displayName, `does not match the expected shape (${parsed.error.issues[0]?.path.join('.')})`);
    for (const m of parsed.data.data) {
      if (m.lifecycle === 'retired') continue;
      out.set(m.id, {
        id: m.id,
        displayName: m.display_name || m.id,
        contextWindow: m.max_input_tokens ?? undefined,
        maxOutputTokens: m.max_tokens ?? undefined,
      });
    }
    const next = parsed.data.last_id ?? undefined;
    if (!parsed.data.has_more || !next || seenCursors.has(next)) break;
    seenCursors.add(next);
    afterId = next;
  }
  return [...out.values()];
}

function invalidListing(provider: string, name: string, why: string): ProviderError {
  return new ProviderError({ category: 'protocol', provider, message: `${name}'s model listing ${why}.`, retryable: true });
}
