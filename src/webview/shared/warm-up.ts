// A new webview runs markdown-it, highlight.js and DOMPurify cold: V8 interprets them until they
// have run a while, so the first answer's first frames cost several times a later answer's, and a
// heavy frame makes the frame coalescer hold the stream back for longer. Rendering a short sample
// in idle periods after the view opens pays that before the first answer arrives.

/** Schedules a callback for an idle period (requestIdleCallback in the webview, a queue in tests). */
export type IdleScheduler = (cb: () => void) => void;

/** Runs each step in an idle period of its own, in order. */
export function inIdlePeriods(whenIdle: IdleScheduler, steps: readonly (() => void)[]): void {
  const next = (i: number): void => {
    if (i < steps.length)
      whenIdle(() => {
        steps[i]();
        next(i + 1);
      });
  };
  next(0);
}

/** Markdown with what answers are made of: every block and inline rule the stream meets most. */
export const WARM_SAMPLE = [
  '## A heading',
  'Some **bold** and *emphasis*, `inline_code`, a [link](https://example.com) and https://example.org.',
  '- a list item with `code`\n- another, **bold**\n  - nested',
  '1. first\n2. second',
  '> a quote',
  '| a | b |\n| :- | -: |\n| 1 | 2 |',
  '```ts\nfunction total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0); // sum\n}\n```',
  '```python\ndef total(items):\n    return sum(items)  # sum\n```',
  'The end.',
].join('\n\n');

/** Renders the sample `rounds` times, one render per idle period; the result is dropped. */
export function warmRenderer(render: (markdown: string) => unknown, whenIdle: IdleScheduler, rounds = 4): void {
  inIdlePeriods(
    whenIdle,
    Array.from({ length: rounds }, () => () => void render(WARM_SAMPLE)),
  );
}
