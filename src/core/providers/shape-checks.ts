// Building blocks of the hand checks that stand in for zod on hot paths (each family's
// fast-path.ts). Each is as strict as the zod type it replaces, never looser.

/** A JSON object: what zod's object schemas accept (not null, not an array). */
export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `z.string().optional()`: missing or a string, never null. */
export const optString = (v: unknown): boolean => v === undefined || typeof v === 'string';
