// Reloads the cockpit every minute while the page is visible: the timer stops while the tab is hidden, and a page
// coming back after a minute or more reloads at once. The timer and the listener go with the page.
import { useEffect, useEffectEvent } from 'react';
import { isStale, REFRESH_MS } from './cockpit-ui.ts';

export function useVisibleRefresh(reload: () => void, every = REFRESH_MS): void {
  const refresh = useEffectEvent(() => reload());
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = Date.now();
    const tick = () => {
      last = Date.now();
      refresh();
    };
    const start = () => {
      if (timer === undefined) timer = setInterval(tick, every);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return stop();
      if (isStale(last, Date.now(), every)) tick();
      start();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [every]);
}
