// Shared by the hot-path tests of each family: a property check that a fast path never accepts
// what its zod schema rejects, a count of schema parses, and an event feeder.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProviderError } from '../../../src/core/errors';
import type { StreamMapper } from '../../../src/core/providers/stream-driver';
import type { StreamEvent } from '../../../src/core/types';
import { jsonValue, mutate, paths } from '../shape-mutations';

export function agreesWithZod(base: unknown, fast: (raw: unknown) => boolean, safeParse: (raw: unknown) => { success: boolean }) {
  const all = paths(base);
  fc.assert(
    fc.property(fc.constantFrom(...all), fc.option(jsonValue, { nil: undefined }), (path, value) => {
      const raw = mutate(base, path, value);
      if (fast(raw)) assert.ok(safeParse(raw).success, `fast path accepted what zod rejects: ${JSON.stringify(raw)}`);
    }),
    { numRuns: 2000 },
  );
}

/** Counts calls to a schema's safeParse while `body` runs. */
export function countingParses<T>(schema: { safeParse: (...a: never[]) => unknown }, body: () => T): { result: T; calls: number } {
  const original = schema.safeParse;
  let calls = 0;
  schema.safeParse = ((...a: never[]) => {
    calls++;
    return original.apply(schema, a);
  }) as typeof original;
  try {
    return { result: body(), calls };
  } finally {
    schema.safeParse = original;
  }
}

export function feed(mapper: StreamMapper, payloads: unknown[], event?: string): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const p of payloads) out.push(...mapper.onEvent({ data: JSON.stringify(p), event, id: undefined }));
  return out;
}

export function thrown(f: () => unknown): ProviderError {
  try {
    f();
  } catch (e) {
    return e as ProviderError;
  }
  throw new Error('expected a throw');
}

/** Counts JSON.parse calls while `body` runs. */
export function countingJsonParses<T>(body: () => T): { result: T; calls: number } {
  return countingCalls(JSON, 'parse', body);
}

/** Counts calls to `target[name]` while `body` runs. */
export function countingCalls<O extends object, T>(target: O, name: keyof O, body: () => T): { result: T; calls: number } {
  const original = target[name] as (...a: unknown[]) => unknown;
  let calls = 0;
  target[name] = function (this: unknown, ...a: unknown[]) {
    calls++;
    return original.apply(this, a);
  } as O[keyof O];
  try {
    return { result: body(), calls };
  } finally {
    target[name] = original as O[keyof O];
  }
}
