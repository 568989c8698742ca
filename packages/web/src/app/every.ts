// One periodic call for every page that reads again on a timer (the cockpit, the big screen, the notification bell,
// the closed-park counts, the ingest status). By default the timer stops while the tab is hidden — a hidden page asks
// the server nothing — and a page coming back after a period or more calls at once; `whileHidden` keeps it running
// (the unattended big screen). Plain DOM and timers, so the scheduling is tested without React (every.test.ts).

/** What the scheduler needs of the document: its visibility and the visibilitychange event. */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface EveryOptions {
  /** Keep calling while the tab is hidden (default false: pause, and catch up on return). */
  whileHidden?: boolean;
}

/** Whether a page coming back into view should call at once: the last call is a period old or more. */
export const isStale = (lastAt: number, now: number, every: number) => now - lastAt >= every;

/** Calls `fn` every `every` ms (the first call after one period) per the options; returns the stop function. */
export function startEvery(fn: () => void, every: number, opts: EveryOptions = {}, doc: VisibilitySource = document): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = Date.now();
  const tick = () => {
    last = Date.now();
    fn();
  };
  const start = () => {
    if (timer === undefined) timer = setInterval(tick, every);
  };
  const pause = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  if (opts.whileHidden) {
    start();
    return pause;
  }
  const onVisibility = () => {
    if (doc.visibilityState !== 'visible') return pause();
    if (isStale(last, Date.now(), every)) tick();
    start();
  };
  if (doc.visibilityState === 'visible') start();
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    pause();
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
