// Protocol schemas use zod/mini: the same zod v4 engine, but tree-shakable. Classic `zod` costs
// about 90 KB minified in the webview bundle (whose budget is 300 KB); mini costs about 20 KB.
// Host-only code (core, settings) keeps classic zod; only what the webview imports uses this.
// Each file must `import * as z from 'zod/mini'` itself: re-exporting the namespace from here
// (`export { z }`) defeats tree-shaking and brings back every zod locale (+400 KB).
import * as z from 'zod/mini';

/** A string of at most `max` characters (and at least `min`). */
export function str(max: number, min = 0): z.ZodMiniString<string> {
  return min > 0 ? z.string().check(z.minLength(min), z.maxLength(max)) : z.string().check(z.maxLength(max));
}

/** A non-negative integer (token counts). */
export function count(): z.ZodMiniNumber<number> {
  return z.int().check(z.gte(0));
}

/** A non-negative number (money, milliseconds). */
export function nonNegative(): z.ZodMiniNumber<number> {
  return z.number().check(z.gte(0));
}

/** An array of at most `max` items. */
export function list<T extends z.core.SomeType>(item: T, max: number): z.ZodMiniArray<T> {
  return z.array(item).check(z.maxLength(max));
}

/** An optional field. */
export const opt = z.optional;
