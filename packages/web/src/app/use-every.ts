// The React side of every.ts: calls the latest `fn` every `every` ms while the component is mounted (null: not at
// all); the timer and the visibility listener go with the component.
import { useEffect, useEffectEvent } from 'react';
import { startEvery, type EveryOptions } from './every.ts';

export function useEvery(fn: () => void, every: number | null, opts: EveryOptions = {}): void {
  const call = useEffectEvent(fn);
  const { whileHidden = false } = opts;
  useEffect(() => {
    if (every === null) return;
    return startEvery(() => call(), every, { whileHidden });
  }, [every, whileHidden]);
}
