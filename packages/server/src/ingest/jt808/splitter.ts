// Splits a JT/T 808 byte stream into frames across TCP chunks: a frame runs from one 0x7e to the next; a frame split
// across writes is buffered until its closing 0x7e. Two delimiters in a row (the closing one of a frame and the
// opening one of the next, or an empty frame) are one boundary. Bytes outside any frame are reported as garbage; a
// frame longer than `maxFrameBytes` without its closing delimiter is dropped (oversize) and its bytes are skipped up
// to the next 0x7e, where the stream resynchronises. The buffered bytes never exceed `maxFrameBytes`.

export type SplitEvent = { kind: 'frame'; inner: Buffer } | { kind: 'garbage'; bytes: number; head: string } | { kind: 'oversize'; bytes: number };

const DELIM = 0x7e;

export class FrameSplitter {
  /** Parts of the frame being collected (after its opening delimiter). */
  private parts: Buffer[] = [];
  private size = 0;
  /** scan: looking for an opening delimiter; frame: inside a frame; skip: dropping an oversize frame's rest. */
  private state: 'scan' | 'frame' | 'skip' = 'scan';
  private skipped = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes held for an unfinished frame. */
  get buffered(): number {
    return this.size;
  }

  /** True while a frame has been opened and not closed. */
  get inFrame(): boolean {
    return this.state === 'frame' && this.size > 0;
  }

  push(chunk: Buffer): SplitEvent[] {
    const out: SplitEvent[] = [];
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.state === 'scan') {
        const d = chunk.indexOf(DELIM, i);
        const end = d < 0 ? n : d;
        if (end > i) out.push({ kind: 'garbage', bytes: end - i, head: chunk.subarray(i, Math.min(end, i + 16)).toString('hex') });
        if (d < 0) return out;
        this.state = 'frame';
        i = d + 1;
        continue;
      }
      if (this.state === 'skip') {
        const d = chunk.indexOf(DELIM, i);
        if (d < 0) {
          this.skipped += n - i;
          return out;
        }
        this.skipped += d - i;
        out.push({ kind: 'oversize', bytes: this.skipped });
        this.skipped = 0;
        this.state = 'scan';
        i = d + 1;
        continue;
      }
      // frame
      const d = chunk.indexOf(DELIM, i);
      const end = d < 0 ? n : d;
      const take = end - i;
      if (this.size + take > this.maxFrameBytes) {
        this.skipped = this.size + take;
        this.parts = [];
        this.size = 0;
        if (d < 0) {
          this.state = 'skip';
          return out;
        }
        out.push({ kind: 'oversize', bytes: this.skipped });
        this.skipped = 0;
        this.state = 'scan';
        i = d + 1;
        continue;
      }
      if (take > 0) {
        // Copy: the socket may reuse its chunk.
        this.parts.push(Buffer.from(chunk.subarray(i, end)));
        this.size += take;
      }
      if (d < 0) return out;
      if (this.size === 0) {
        // 0x7e 0x7e: the closing delimiter of the previous frame (or an empty frame) and this opening one.
        i = d + 1;
        continue;
      }
      const inner = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
      this.parts = [];
      this.size = 0;
      this.state = 'scan';
      out.push({ kind: 'frame', inner });
      i = d + 1;
    }
    return out;
  }
}
