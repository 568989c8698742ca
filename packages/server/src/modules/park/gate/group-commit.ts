// Group commit: items submitted within `windowMs` of each other, or while `maxInFlight` groups are in flight, are
// handed to `run` together (one statement, one commit), which answers one result per item. Each submitter's promise
// settles when ITS group has — a failure of the group fails every item in it. Up to `maxInFlight` groups run at
// once: when one commit stalls (the disk flushing something else), the next group does not queue behind it but
// commits with it in the database's next WAL flush.
export class GroupCommit<I, R> {
  private items: I[] = [];
  private waiters: { resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<R[]>,
    private readonly windowMs: number,
    private readonly maxItems = 500,
    private readonly maxInFlight = 1,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.items.push(item);
      this.waiters.push({ resolve, reject });
      if (this.inFlight >= this.maxInFlight) return;
      if (this.items.length >= this.maxItems) this.fire();
      else this.timer ??= setTimeout(() => this.fire(), this.windowMs);
    });
  }

  private fire(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inFlight < this.maxInFlight && this.items.length) {
      const items = this.items.splice(0, this.maxItems);
      const waiters = this.waiters.splice(0, items.length);
      this.inFlight++;
      void (async () => {
        try {
          const r = await this.run(items);
          waiters.forEach((w, i) => w.resolve(r[i]!));
        } catch (err) {
          for (const w of waiters) w.reject(err);
        }
      })().finally(() => {
        this.inFlight--;
        // What arrived while every lane was busy goes now (it has already waited at least as long as the window).
        if (this.items.length) this.fire();
      });
    }
  }
}
