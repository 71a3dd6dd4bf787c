// The stream loop works a network read at a time, the consumer an event at a time. Handing a
// read's events over from a buffer costs one resolved promise each; re-yielding them through an
// async generator cost about twice that, once per token, on the hottest path there is.

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The items of `batches`, one at a time. Keeps an async generator's contract: overlapping
 * `next()` calls are served in order, and `return()` ends the source (running its `finally`).
 */
export function flattenBatches<T>(batches: AsyncGenerator<readonly T[], void, undefined>): AsyncIterableIterator<T> {
  let buf: readonly T[] = [];
  let i = 0;
  let ended = false;
  // A pull from the source in flight; later calls wait for it so items keep their order.
  let pulling: Promise<IteratorResult<T>> | undefined;

  const pull = async (): Promise<IteratorResult<T>> => {
    try {
      for (;;) {
        const r = await batches.next();
        if (r.done) {
          ended = true;
          return DONE;
        }
        if (r.value.length > 0) {
          buf = r.value;
          i = 1;
          return { value: r.value[0], done: false };
        }
      }
    } finally {
      pulling = undefined;
    }
  };

  const self: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      if (pulling) return pulling.then(() => self.next());
      // Checked first: a read that lands after return() must not hand out its rest.
      if (ended) return Promise.resolve(DONE);
      if (i < buf.length) return Promise.resolve({ value: buf[i++], done: false });
      return (pulling = pull());
    },
    async return(): Promise<IteratorResult<T>> {
      ended = true;
      buf = [];
      await batches.return(undefined);
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return self;
    },
  };
  return self;
}
