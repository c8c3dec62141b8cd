/** A tRPC subscription read as a client does: server-sent events over fetch, parsed by hand (tRPC's wire format). */
export class SseStream<T> {
  /** Every event received, in order; `until` searches it, so waiting for one event never drops another. */
  readonly events: T[] = [];
  /** Resolves when the server ends the stream or the connection goes. */
  readonly ended: Promise<void>;
  readonly #abort: AbortController;
  /** Whoever waits for the next event (several `until` may wait at once). */
  readonly #waiting = new Set<() => void>();
  #done = false;
  /** What the server sent instead of an event (tRPC's `serialized-error`). */
  #error: string | null = null;

  private constructor(body: ReadableStream<Uint8Array>, abort: AbortController) {
    this.#abort = abort;
    this.ended = this.#read(body);
  }

  static async open<T>(url: string, headers: Record<string, string> = {}): Promise<SseStream<T>> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { ...headers, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`stream refused: ${response.status}`);
    return new SseStream<T>(response.body, abort);
  }

  /** Where the stream stands now: `until(…, mark())` only looks at what comes after. */
  mark(): number {
    return this.events.length;
  }

  /** The first event from `from` on that passes `match`; rejects if the stream ends first. */
  async until(match: (event: T) => boolean, from = 0): Promise<T> {
    for (let index = from; ; index++) {
      while (index >= this.events.length) {
        if (this.#error) throw new Error(`the stream failed: ${this.#error}`);
        if (this.#done) throw new Error('the stream ended before the expected event');
        await new Promise<void>((resolve) => this.#waiting.add(resolve));
      }
      const event = this.events[index];
      if (event && match(event)) return event;
    }
  }

  close(): void {
    this.#abort.abort();
  }

  #notify(): void {
    for (const resolve of this.#waiting) resolve();
    this.#waiting.clear();
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.#receive(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      this.#done = true;
      this.#notify();
    }
  }

  /** One SSE message: tRPC's own (`connected`, `ping`, `return`) carry an `event:` name, data has none. */
  #receive(block: string): void {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (name === 'serialized-error') this.#error = data.join('\n');
    else if (name === 'message' && data.length > 0) this.events.push(JSON.parse(data.join('\n')) as T);
    else return;
    this.#notify();
  }
}
