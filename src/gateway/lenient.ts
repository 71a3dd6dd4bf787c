// Lenient validation of client bodies: the fields the gateway reads are checked with zod, and
// anything else is passed over with one warning per field name. Agents send many extras
// (Claude Code: metadata, context_management, …); refusing them would break the agent.
import type { z } from 'zod';
import { GatewayRequestError } from './request-error';

/** Remembers which unknown fields were already reported, so a busy agent does not flood the log. */
export class UnknownFieldWarner {
  private readonly seen = new Set<string>();

  constructor(private readonly warn: (message: string) => void) {}

  /** Warns once per protocol and field. Field names only: values may hold prompts. */
  report(protocol: string, fields: readonly string[]): void {
    const fresh = fields.filter((f) => !this.seen.has(`${protocol}|${f}`));
    if (fresh.length === 0) return;
    for (const f of fresh) this.seen.add(`${protocol}|${f}`);
    this.warn(`Gateway: ${protocol} request field(s) ${fresh.map((f) => `"${f}"`).join(', ')} are not used and were passed over.`);
  }
}

/** Parses the fields the gateway knows; a wrong type on one of them is a 400, unknown fields are warned about. */
export function parseLenient<T extends z.ZodType>(
  schema: T,
  body: unknown,
  known: readonly string[],
  onUnknown: (fields: string[]) => void,
): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.map(String).join('.');
    throw new GatewayRequestError(400, `${where ? `${where}: ` : ''}${issue.message}`, 'invalid_request', where || undefined);
  }
  if (body && typeof body === 'object') {
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length) onUnknown(unknown);
  }
  return r.data;
}

/** An image given as a `data:` URL, split into media type and base64 data. Remote URLs are refused: fetching them would let a prompt reach any address. */
export function imageFromDataUrl(url: string, field: string): { type: 'image'; mediaType: string; data: string } {
  const m = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/s.exec(url);
  if (!m)
    throw new GatewayRequestError(
      400,
      `${field}: only base64 data: URLs are accepted for images; the gateway does not fetch remote images.`,
      'unsupported_image_url',
      field,
    );
  return { type: 'image', mediaType: m[1], data: m[2] };
}
