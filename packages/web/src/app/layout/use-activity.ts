// Remembers when the user last touched the page, so background polling stops when nobody is there
// (otherwise polling would keep the server's idle session timeout from ever firing).
import { useEffect, useRef, type RefObject } from 'react';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

export function useLastActivity(): RefObject<number> {
  const last = useRef(0);
  useEffect(() => {
    const touch = () => {
      last.current = Date.now();
    };
    touch();
    for (const e of EVENTS) window.addEventListener(e, touch, { passive: true });
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, touch);
    };
  }, []);
  return last;
}
