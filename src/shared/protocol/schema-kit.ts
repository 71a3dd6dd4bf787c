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

// Numbers below come from providers and clocks, and one bad value (a negative duration after a
// clock step, a NaN that JSON turned into null) must cost that value only, never the message or
// the stored conversation that carries it.

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A token count; a bad one is clamped to a non-negative integer (0 when not a number). */
export function salvagedCount(): z.ZodMiniCatch<z.ZodMiniNumber<number>> {
  return z.catch(count(), (ctx) => Math.max(0, Math.round(finite(ctx.value) ?? 0)));
}

/** A timestamp; a bad one becomes 0 (oldest). */
export function salvagedTime(): z.ZodMiniCatch<z.ZodMiniNumber<number>> {
  return z.catch(z.number(), (ctx) => finite(ctx.value) ?? 0);
}

/** An optional non-negative number (money, milliseconds); a bad one is dropped. */
export function droppedIfBad(): z.ZodMiniCatch<z.ZodMiniOptional<z.ZodMiniNumber<number>>> {
  return z.catch(z.optional(nonNegative()), undefined);
}

/** An array of at most `max` items. */
export function list<T extends z.core.SomeType>(item: T, max: number): z.ZodMiniArray<T> {
  return z.array(item).check(z.maxLength(max));
}

/** An optional field. */
export const opt = z.optional;
