// OpenRouter's public model list and per-model endpoint list: zod schemas and conversion to our shapes.
import { z } from 'zod';
import type { EndpointCapabilities, Price } from './types';

const perToken = z.union([z.string(), z.number()]).optional().nullable();

/** `pricing` as OpenRouter sends it: USD per token (or per request/image), as decimal strings. */
const orPricingSchema = z.object({
  prompt: perToken,
  completion: perToken,
  request: perToken,
  image: perToken,
  input_cache_read: perToken,
  input_cache_write: perToken,
  internal_reasoning: perToken,
});

/** One entry of `GET /models`. */
export const orModelSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  context_length: z.number().int().positive().nullable().optional(),
  pricing: orPricingSchema,
  supported_parameters: z.array(z.string()).optional().nullable(),
  architecture: z
    .object({ input_modalities: z.array(z.string()).optional().nullable() })
    .partial()
    .optional()
    .nullable(),
  top_provider: z
    .object({
      context_length: z.number().int().positive().nullable().optional(),
      max_completion_tokens: z.number().int().positive().nullable().optional(),
      is_moderated: z.boolean().nullable().optional(),
    })
    .optional()
    .nullable(),
});

/** One upstream host of a model, from `GET /models/{author}/{slug}/endpoints`. */
export const orEndpointSchema = z.object({
  name: z.string().optional(),
  provider_name: z.string().min(1),
  tag: z.string().optional().nullable(),
  context_length: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  pricing: orPricingSchema,
  quantization: z.string().optional().nullable(),
  status: z.number().optional().nullable(),
  uptime_last_30m: z.number().min(0).max(100).nullable().optional(),
  supported_parameters: z.array(z.string()).optional().nullable(),
});

/** The body of the endpoints call. */
export const orEndpointsBodySchema = z.object({
  data: z.object({ id: z.string().min(1), name: z.string().optional(), endpoints: z.array(z.unknown()) }),
});

/** The body of the models call; entries are validated one by one so one odd model does not sink the rest. */
export const orModelsBodySchema = z.object({ data: z.array(z.unknown()) });

/** A validated model entry. */
export type OrModel = z.infer<typeof orModelSchema>;
/** A validated upstream host entry. */
export type OrEndpoint = z.infer<typeof orEndpointSchema>;

/** An upstream host as the catalog keeps it (reached through OpenRouter). */
export interface UpstreamHost {
  /** OpenRouter's name of the host, e.g. `Groq`, `Together`. */
  hostName: string;
  /** OpenRouter's tag for the host endpoint (`groq`, `together/fp8`), usable in `provider.order`. */
  tag?: string;
  price?: Price;
  contextWindow?: number;
  maxOutputTokens?: number;
  quantization?: string;
  /** Percent of successful requests over the last 30 minutes, when OpenRouter reports it. */
  uptimeLast30m?: number;
}

function perMTok(v: string | number | null | undefined): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  // OpenRouter uses -1 for "varies" (routers such as openrouter/auto): that is unknown, not free.
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.round(n * 1e6 * 1e9) / 1e9;
}

/** Converts OpenRouter per-token pricing to a per-MTok Price; undefined when prompt or completion price is unknown. */
export function priceFromOr(p: z.infer<typeof orPricingSchema>): Price | undefined {
  const input = perMTok(p.prompt);
  const output = perMTok(p.completion);
  if (input === undefined || output === undefined) return undefined;
  const price: Price = { inputPerMTok: input, outputPerMTok: output };
  const cr = perMTok(p.input_cache_read);
  const cw = perMTok(p.input_cache_write);
  const reasoning = perMTok(p.internal_reasoning);
  const req = p.request === undefined || p.request === null ? undefined : Number(p.request);
  if (cr !== undefined) price.cacheReadPerMTok = cr;
  if (cw !== undefined) price.cacheWritePerMTok = cw;
  // 0 means "billed as ordinary output", not "reasoning is free".
  if (reasoning !== undefined && reasoning > 0) price.reasoningPerMTok = reasoning;
  if (req !== undefined && Number.isFinite(req) && req > 0) price.requestUsd = req;
  return price;
}

/** Capabilities from `supported_parameters` and input modalities. */
export function capabilitiesFromOr(m: Pick<OrModel, 'supported_parameters' | 'architecture'>): EndpointCapabilities {
  const params = new Set(m.supported_parameters ?? []);
  return {
    images: (m.architecture?.input_modalities ?? []).includes('image'),
    reasoning: params.has('reasoning') || params.has('include_reasoning'),
    tools: params.has('tools'),
    structuredOutput: params.has('structured_outputs') || params.has('response_format'),
  };
}

/** Converts one upstream host entry. */
export function upstreamFromOr(e: OrEndpoint): UpstreamHost {
  return {
    hostName: e.provider_name,
    tag: e.tag ?? undefined,
    price: priceFromOr(e.pricing),
    contextWindow: e.context_length ?? undefined,
    maxOutputTokens: e.max_completion_tokens ?? undefined,
    quantization: e.quantization ?? undefined,
    uptimeLast30m: e.uptime_last_30m ?? undefined,
  };
}

/** Validates entries one by one; the feed is nonsense when nothing or under half of it is valid. */
export function validateEntries<T>(raw: unknown[], schema: z.ZodType<T>): { ok: T[]; dropped: number; nonsense: boolean } {
  const ok: T[] = [];
  for (const r of raw) {
    const p = schema.safeParse(r);
    if (p.success) ok.push(p.data);
  }
  const dropped = raw.length - ok.length;
  return { ok, dropped, nonsense: ok.length === 0 || dropped > ok.length };
}
