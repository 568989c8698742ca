import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isStale, startEvery, type VisibilitySource } from './every.ts';

/** A document whose visibility the test switches. */
class FakeDocument extends EventTarget implements VisibilitySource {
  visibilityState: DocumentVisibilityState = 'visible';
  listeners = 0;
  override addEventListener(type: 'visibilitychange', listener: () => void): void {
    this.listeners += 1;
    super.addEventListener(type, listener);
  }
  override removeEventListener(type: 'visibilitychange', listener: () => void): void {
    this.listeners -= 1;
    super.removeEventListener(type, listener);
  }
  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

describe('startEvery', () => {
  let doc: FakeDocument;
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-24T08:00:00Z') });
    doc = new FakeDocument();
  });
  afterEach(() => vi.useRealTimers());

  it('calls once per period while visible, not at the start', () => {
    const fn = vi.fn();
    const stop = startEvery(fn, 1_000, {}, doc);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(2_001);
    expect(fn).toHaveBeenCalledTimes(3);
    stop();
  });

  it('pauses while hidden and catches up on return only when a period has passed', () => {
    const fn = vi.fn();
    const stop = startEvery(fn, 1_000, {}, doc);
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
    doc.set('hidden');
    vi.advanceTimersByTime(10_000);
    expect(fn).toHaveBeenCalledTimes(1);
    doc.set('visible');
    expect(fn).toHaveBeenCalledTimes(2); // ten seconds away: at once
    doc.set('hidden');
    vi.advanceTimersByTime(300);
    doc.set('visible');
    expect(fn).toHaveBeenCalledTimes(2); // 300 ms away: the next period
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(3);
    stop();
  });

  it('does not start on a hidden page until it shows', () => {
    doc.visibilityState = 'hidden';
    const fn = vi.fn();
    const stop = startEvery(fn, 1_000, {}, doc);
    vi.advanceTimersByTime(5_000);
    expect(fn).not.toHaveBeenCalled();
    doc.set('visible');
    expect(fn).toHaveBeenCalledTimes(1);
    stop();
  });

  it('keeps calling while hidden when asked (the big screen) and listens to nothing', () => {
    const fn = vi.fn();
    const stop = startEvery(fn, 1_000, { whileHidden: true }, doc);
    doc.set('hidden');
    vi.advanceTimersByTime(3_000);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(doc.listeners).toBe(0);
    stop();
    vi.advanceTimersByTime(3_000);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('stops the timer and removes its listener', () => {
    const fn = vi.fn();
    const stop = startEvery(fn, 1_000, {}, doc);
    expect(doc.listeners).toBe(1);
    stop();
    expect(doc.listeners).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    doc.set('hidden');
    doc.set('visible');
    vi.advanceTimersByTime(5_000);
    expect(fn).not.toHaveBeenCalled();
  });

  it('calls a page stale from one full period on', () => {
    expect(isStale(0, 59_999, 60_000)).toBe(false);
    expect(isStale(0, 60_000, 60_000)).toBe(true);
  });
});
