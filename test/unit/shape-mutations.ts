// Mutations of a valid JSON payload, for property tests of hand-written checks that stand in for
// a zod schema on a hot path: every field replaced by any JSON value, removed, or a key added.
import fc from 'fast-check';

/** Values JSON can hold, to put in any field. */
export const jsonValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(),
  fc.string({ minLength: 41, maxLength: 90 }),
  fc.constant(2 ** 53),
  fc.constant([]),
  fc.constant({}),
  fc.constant(['x']),
);

/** A copy of `base` with the value at `path` replaced (or removed when `value` is undefined). */
export function mutate(base: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** Keys that are not in the payload but that a schema may type when present. */
const EXTRA_KEYS = ['thinking', 'functionCall', 'signature', 'origin', 'client', 'extra'];

/** Every path to a value inside a JSON object, plus a made-up key at each level. */
export function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [prefix];
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : [...Object.keys(v), ...EXTRA_KEYS];
  for (const k of keys) out.push(...paths((v as Record<string | number, unknown>)[k], [...prefix, k]));
  return out;
}
