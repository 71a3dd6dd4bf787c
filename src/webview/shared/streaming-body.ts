// Renders a growing markdown answer without re-rendering all of it on every frame: text up to the
// last blank line outside a code fence is committed once, and only the tail after it is redrawn.
// Markdown blocks separated by a blank line render independently (reference-style links aside,
// which the full render at the end of the turn fixes), so the result matches a full render.
// A code block still streaming is redrawn with the tail every frame, so it is highlighted only once
// its closing fence arrives: highlighting a growing block each frame costs time in its square.
import type { RenderOptions } from './markdown';

/** Index just after the last blank line outside a fence in text[from..], or `from` if none. */
export function stableBoundary(text: string, from: number): number {
  return scanBlocks(text, from).boundary;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The stable boundary of text[from..], and whether the text ends inside an open fence. */
function scanBlocks(text: string, from: number): { boundary: number; openFence: boolean } {
  let inFence = false;
  let fenceChar = '';
  let boundary = from;
  let lineStart = from;
  const closes = (line: string, fence: RegExpExecArray) => fence[1][0] === fenceChar && line.trim().replace(/[`~]/g, '') === '';
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break; // the last line is incomplete: never a boundary
    const line = text.slice(lineStart, nl);
    const fence = FENCE.exec(line);
    if (fence) {
      if (!inFence) {
        inFence = true;
        fenceChar = fence[1][0];
      } else if (closes(line, fence)) inFence = false;
    } else if (!inFence && line.trim() === '' && lineStart > from) boundary = nl + 1;
    lineStart = nl + 1;
  }
  // A closing fence whose line has not ended closes the block all the same.
  const last = text.slice(lineStart);
  const fence = inFence ? FENCE.exec(last) : null;
  return { boundary, openFence: inFence && !(fence && closes(last, fence)) };
}

const GROUP_SIZE = 24;

/**
 * Wraps the top-level blocks of a finished render into groups that layout, paint and compositing
 * skip while off screen. Without them every frame walks every block of every long answer above,
 * and each code block's scroller is a paint layer of its own.
 */
export function groupBlocks(rendered: DocumentFragment): DocumentFragment {
  if (rendered.childElementCount <= GROUP_SIZE) return rendered;
  const out = document.createDocumentFragment();
  let group: HTMLElement | undefined;
  for (const node of [...rendered.childNodes]) {
    if (!group || group.childElementCount >= GROUP_SIZE) {
      group = document.createElement('div');
      group.className = 'md-group';
      out.append(group);
    }
    group.append(node);
  }
  return out;
}

/** Incremental renderer of one streaming message body. */
export class StreamingBody {
  private committed = 0;
  private committedText = '';
  /** The group blocks are added to, and the one before it: both stay laid out while streaming. */
  private open?: HTMLElement;
  private previous?: HTMLElement;
  private readonly stable: HTMLElement;
  private readonly tail: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly render: (markdown: string, options?: RenderOptions) => DocumentFragment,
    private readonly decorate: (el: HTMLElement) => void,
  ) {
    root.replaceChildren();
    this.stable = document.createElement('div');
    this.tail = document.createElement('div');
    root.append(this.stable, this.tail);
  }

  /** Shows the whole answer once it has ended: a fence it left open is highlighted, as a full render does. */
  finish(text: string): void {
    this.update(text, true);
  }

  /** Shows `text` (the whole answer so far). */
  update(text: string, finished = false): void {
    if (text.length < this.committed || !text.startsWith(this.committedText)) {
      this.committed = 0;
      this.committedText = '';
      this.open = this.previous = undefined;
      this.stable.replaceChildren();
    }
    const { boundary, openFence } = scanBlocks(text, this.committed);
    if (boundary > this.committed) {
      const block = document.createElement('div');
      block.append(this.render(text.slice(this.committed, boundary)));
      this.decorate(block);
      this.commit(block);
      this.committed = boundary;
      this.committedText = text.slice(0, boundary);
    }
    this.tail.replaceChildren(this.render(text.slice(this.committed), { openFence: openFence && !finished }));
    this.decorate(this.tail);
  }

  /**
   * Moves finished blocks into groups of GROUP_SIZE. A group becomes one that layout skips while off
   * screen once a whole group follows it: a skipped box enters the page at a placeholder height, so
   * the two newest stay ordinary and fill the view at the bottom. Counting blocks, not commits, keeps
   * a flush that brings hundreds of blocks at once (a fast stream on a busy machine) from being laid
   * out whole.
   */
  private commit(rendered: HTMLElement): void {
    // Nodes gather off the page (a fragment for the open group, new groups still detached) and
    // enter it in at most two insertions: each insertion into the page has a cost of its own.
    let batch = document.createDocumentFragment();
    const fresh: HTMLElement[] = [];
    for (let node = rendered.firstChild; node; node = rendered.firstChild) {
      if (!this.open || (node.nodeType === 1 && this.open.childElementCount + batch.childElementCount >= GROUP_SIZE)) {
        this.open?.append(batch);
        batch = document.createDocumentFragment();
        if (this.previous) this.previous.className = 'md-group';
        this.previous = this.open;
        this.open = document.createElement('div');
        fresh.push(this.open);
      }
      batch.append(node);
    }
    this.open?.append(batch);
    this.stable.append(...fresh);
  }
}
