// One way to declare and carry host<->webview messages. Both sides validate every message with the
// same zod schemas, so a compromised or stale webview cannot push malformed data into the host,
// and a host bug cannot feed the webview something it would render wrongly.
// Schemas are typed as zod v4 core types, so a view may declare its map with zod/mini (what the
// webview bundle can afford, see schema-kit.ts) and the host can still validate with the same objects.
import * as z from 'zod/mini';

type Schema = z.core.$ZodType;

/** One message: its payload schema, and for request/response messages the response schema. */
interface MessageSpec {
  request: Schema;
  response?: Schema;
}

/** Message name → spec. Names are unique across every view (see index.ts). */
type MessageMap = Record<string, MessageSpec>;

/** Payload type of message K. */
export type PayloadOf<M extends MessageMap, K extends keyof M> = z.output<M[K]['request']>;

/** Response type of message K (void for fire-and-forget messages). */
type ResponseOf<M extends MessageMap, K extends keyof M> = M[K]['response'] extends Schema ? z.output<M[K]['response']> : void;

/** Declares a message map; an identity function that keeps the literal types. */
export function defineMessages<M extends MessageMap>(map: M): M {
  return map;
}

/** Merges per-view maps; a duplicated name would make routing ambiguous, so it throws. */
export function mergeMessageMaps<M extends MessageMap[]>(...maps: M): UnionToIntersection<M[number]> {
  const out: MessageMap = {};
  for (const m of maps) {
    for (const [name, spec] of Object.entries(m)) {
      if (name in out) throw new Error(`protocol: message "${name}" is declared twice`);
      out[name] = spec;
    }
  }
  return out as UnionToIntersection<M[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Name of the envelope that carries a response back to a request. */
const RESPONSE_TYPE = '$response';

const envelopeSchema = z.object({
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  id: z.optional(z.int().check(z.gte(0))),
  payload: z.unknown(),
});

const responseSchema = z.object({
  type: z.literal(RESPONSE_TYPE),
  id: z.int().check(z.gte(0)),
  ok: z.boolean(),
  payload: z.optional(z.unknown()),
  error: z.optional(z.string().check(z.maxLength(2000))),
});

/** Result of validating one incoming message. */
type Parsed<M extends MessageMap> = { ok: true; type: keyof M & string; id?: number; payload: unknown } | { ok: false; reason: string };

/** Validates an incoming envelope against a map; the failure reason names the message type. */
export function parseMessage<M extends MessageMap>(map: M, raw: unknown): Parsed<M> {
  const env = z.safeParse(envelopeSchema, raw);
  if (!env.success) return { ok: false, reason: 'dropped a message without a valid envelope' };
  const { type, id, payload } = env.data;
  const spec = Object.hasOwn(map, type) ? map[type] : undefined;
  if (!spec) return { ok: false, reason: `dropped unknown message type "${type}"` };
  const body = z.safeParse(spec.request, payload);
  if (!body.success) return { ok: false, reason: `dropped invalid "${type}" message: ${describeIssues(body.error)}` };
  return { ok: true, type, id, payload: body.data };
}

function describeIssues(err: { issues: readonly z.core.$ZodIssue[] }): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** A handler for one incoming message; its return value answers a request. */
type Handler<M extends MessageMap, K extends keyof M> = (payload: PayloadOf<M, K>) => ResponseOf<M, K> | Promise<ResponseOf<M, K>>;

/** Options of a message endpoint (one per side of one webview). */
interface EndpointOptions<In extends MessageMap, Out extends MessageMap> {
  incoming: In;
  outgoing: Out;
  /** Sends a raw envelope (webview.postMessage or vscode.postMessage). */
  send: (message: unknown) => void;
  /** Where dropped-message reasons go. */
  log: (reason: string) => void;
  /** How long a request waits for its response. */
  requestTimeoutMs?: number;
  /**
   * Scrubs secrets from handler error text before it is logged or answered. A handler's error
   * may quote a provider's reply, and the webview is less trusted than the host (the host passes
   * its key ring's redact).
   */
  redact?: (text: string) => string;
}

/** Typed, validated messaging for one side: `post`, `request`, `on`, and `receive` for raw input. */
export class MessageEndpoint<In extends MessageMap, Out extends MessageMap> {
  private readonly handlers = new Map<string, (payload: unknown) => unknown>();
  private readonly pending = new Map<
    number,
    { type: string; resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }
  >();
  private nextId = 1;

  constructor(private readonly opts: EndpointOptions<In, Out>) {}

  /** Sends a fire-and-forget message after validating it (a bug on our side must not cross over). */
  post<K extends keyof Out & string>(type: K, payload: PayloadOf<Out, K>): boolean {
    const spec = this.opts.outgoing[type];
    const checked = spec ? z.safeParse(spec.request, payload) : undefined;
    if (!checked?.success) {
      this.opts.log(`refused to send invalid "${type}" message${checked ? `: ${describeIssues(checked.error)}` : ''}`);
      return false;
    }
    this.opts.send({ type, payload: checked.data });
    return true;
  }

  /** Sends a request and resolves with the validated response. */
  request<K extends keyof Out & string>(type: K, payload: PayloadOf<Out, K>): Promise<ResponseOf<Out, K>> {
    const spec = this.opts.outgoing[type];
    const checked = spec ? z.safeParse(spec.request, payload) : undefined;
    if (!checked?.success) return Promise.reject(new Error(`invalid "${type}" request`));
    const id = this.nextId++;
    return new Promise<ResponseOf<Out, K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`"${type}" request timed out`));
      }, this.opts.requestTimeoutMs ?? 30_000);
      this.pending.set(id, { type, resolve: resolve as (v: unknown) => void, reject, timer });
      this.opts.send({ type, id, payload: checked.data });
    });
  }

  /** Registers the handler of one incoming message type (one per type). */
  on<K extends keyof In & string>(type: K, handler: Handler<In, K>): void {
    this.handlers.set(type, handler as (payload: unknown) => unknown);
  }

  /** Feeds one raw incoming message: validates, dispatches, answers requests. Never throws. */
  receive(raw: unknown): void {
    // Only a message typed as a response is parsed as one: a zod parse that fails builds a whole
    // error, and every stream delta paid for one before being parsed as what it is.
    if ((raw as { type?: unknown } | null)?.type === RESPONSE_TYPE) {
      const resp = z.safeParse(responseSchema, raw);
      if (resp.success) return this.settle(resp.data);
      return this.opts.log('dropped a malformed response');
    }
    const parsed = parseMessage(this.opts.incoming, raw);
    if (!parsed.ok) return this.opts.log(parsed.reason);
    const handler = this.handlers.get(parsed.type);
    if (!handler) return this.opts.log(`no handler for "${parsed.type}"`);
    let result: unknown;
    try {
      result = handler(parsed.payload);
    } catch (e) {
      return this.answerError(parsed.type, parsed.id, e);
    }
    if (parsed.id === undefined) {
      if (result instanceof Promise) result.catch((e: unknown) => this.opts.log(`"${parsed.type}" handler failed: ${this.errText(e)}`));
      return;
    }
    const id = parsed.id;
    Promise.resolve(result).then(
      (value) => {
        const schema = this.opts.incoming[parsed.type].response;
        const out = schema ? z.safeParse(schema, value) : { success: true as const, data: undefined };
        if (!out.success) return this.answerError(parsed.type, id, new Error('invalid response'));
        this.opts.send({ type: RESPONSE_TYPE, id, ok: true, payload: out.data });
      },
      (e: unknown) => this.answerError(parsed.type, id, e),
    );
  }

  /** Rejects every pending request, e.g. when the webview is disposed. */
  dispose(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`"${p.type}" request abandoned`));
      this.pending.delete(id);
    }
  }

  private settle(r: z.output<typeof responseSchema>): void {
    const p = this.pending.get(r.id);
    if (!p) return this.opts.log(`dropped response to unknown request ${r.id}`);
    this.pending.delete(r.id);
    clearTimeout(p.timer);
    if (!r.ok) return p.reject(new Error(r.error ?? `"${p.type}" failed`));
    const schema = this.opts.outgoing[p.type]?.response;
    if (!schema) return p.resolve(undefined);
    const out = z.safeParse(schema, r.payload);
    if (!out.success) {
      this.opts.log(`dropped invalid response to "${p.type}": ${describeIssues(out.error)}`);
      return p.reject(new Error(`invalid response to "${p.type}"`));
    }
    p.resolve(out.data);
  }

  private answerError(type: string, id: number | undefined, e: unknown): void {
    const text = this.errText(e);
    this.opts.log(`"${type}" handler failed: ${text}`);
    // Cut after redacting, so a key split by the cut cannot leave a fragment behind.
    if (id !== undefined) this.opts.send({ type: RESPONSE_TYPE, id, ok: false, error: text.slice(0, 2000) });
  }

  /** An error's text, redacted; a generic text when that fails, since receive must not throw. */
  private errText(e: unknown): string {
    try {
      const text = e instanceof Error ? e.message : String(e);
      return this.opts.redact ? this.opts.redact(text) : text;
    } catch {
      return 'an error that could not be described';
    }
  }
}
