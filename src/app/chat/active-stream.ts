// The one answer that may stream at a time. Conversation handling asks it whether it may switch
// (and stops it when a conversation goes away); answer streaming starts and ends it.

/** A started stream: its signal, and the calls that end it. */
interface StreamHandle {
  signal: AbortSignal;
  /** No longer streaming: the views may be told the chat is idle. */
  release(): void;
  /** The answer is saved and shown: whoever waits in `idle()` may go on. */
  settle(): void;
}

/** The streaming answer, if any, of the chat. */
export class ActiveStream {
  private current?: { abort: AbortController; turnId: string; done: Promise<void> };

  /** Whether an answer is streaming. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /** The id of the turn being streamed into. */
  get turnId(): string | undefined {
    return this.current?.turnId;
  }

  /** Marks `turnId` as streaming until the handle's `release()`. */
  start(turnId: string): StreamHandle {
    const abort = new AbortController();
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    this.current = { abort, turnId, done };
    return {
      signal: abort.signal,
      release: () => {
        if (this.current?.abort === abort) this.current = undefined;
      },
      settle: () => finished(),
    };
  }

  /** Stops the streaming answer; its partial text is kept by whoever streams it. */
  stop(): void {
    this.current?.abort.abort();
  }

  /** Resolves when the current stream (if any) has ended and been saved. */
  async idle(): Promise<void> {
    await this.current?.done;
  }
}
