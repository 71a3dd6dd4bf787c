// How inserted text meets the code around the cursor. Pure, so it is unit-tested.

/**
 * `text` as it should be inserted between `before` and `after` (the rest of the line on either
 * side of the cursor): a multi-line block, or a line inserted at the start of a line, goes on
 * lines of its own instead of running into the code; a one-liner typed mid-line stays inline.
 */
export function onOwnLines(text: string, before: string, after: string): string {
  const multiLine = text.replace(/\n+$/, '').includes('\n');
  if (!multiLine && before.trim()) return text;
  let out = text;
  if (after.trim() && !out.endsWith('\n')) out += '\n';
  if (before.trim() && !out.startsWith('\n')) out = `\n${out}`;
  return out;
}
