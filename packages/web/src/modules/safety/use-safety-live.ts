// The live feed of the safety page (WebSocket /api/safety/live): alarm changes and the latest values of the watched
// points. Reconnects with back-off (1 s doubling up to 30 s, with jitter) and watches the same points again after
// each reconnect; `onOpen(true)` after a reconnect tells the page to reload what it may have missed. A socket the
// server closed because the session ended (4401) sends the browser to the login page (through the API client's own
// handling of a 401); a refusal (4403) stops. Messages that do not follow the contract are ignored.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { safetyLiveEventSchema, type AlarmSummary } from '@zoneops/shared';
import { api } from '../../app/api.ts';

export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SafetyLiveHandlers {
  /** The points whose newest values are wanted (at most 200). */
  watch: readonly string[];
  onAlarm(change: string, alarm: AlarmSummary): void;
  /** [pointId, ts ms, value] */
  onLatest(values: readonly (readonly [string, number, number])[]): void;
  /** The socket is open; `reconnected` after it had been lost. */
  onOpen?(reconnected: boolean): void;
}

export interface SafetyLive {
  state: LiveState;
  /** Reconnection attempts since the socket was last open. */
  attempts: number;
  /** The server's clock minus this browser's, from the greeting (ranges of charts are asked in server time). */
  skewMs: number;
}

const MAX_DELAY_MS = 30_000;

/** The delay before reconnection attempt `n` (0-based): 1 s doubling up to 30 s, between half and all of it. */
export function reconnectDelay(n: number, random: number = Math.random()): number {
  const full = Math.min(MAX_DELAY_MS, 1000 * 2 ** n);
  return Math.round(full * (0.5 + random * 0.5));
}

/** The socket's URL on the page's own origin. */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/safety/live`;
}

export function useSafetyLive(handlers: SafetyLiveHandlers): SafetyLive {
  const [live, setLive] = useState<SafetyLive>({ state: 'connecting', attempts: 0, skewMs: 0 });
  const socketRef = useRef<WebSocket | null>(null);
  const watchKey = handlers.watch.slice(0, 200).join(',');
  const watchRef = useRef(watchKey);

  const onAlarm = useEffectEvent((change: string, alarm: AlarmSummary) => handlers.onAlarm(change, alarm));
  const onLatest = useEffectEvent((values: readonly (readonly [string, number, number])[]) => handlers.onLatest(values));
  const onOpen = useEffectEvent((reconnected: boolean) => handlers.onOpen?.(reconnected));

  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    let stopped = false;
    let attempts = 0;
    let everOpen = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const sendWatch = (ws: WebSocket) => {
      const ids = watchRef.current ? watchRef.current.split(',') : [];
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ watch: ids }));
    };

    const connect = () => {
      const ws = new WebSocket(liveUrl(window.location));
      socketRef.current = ws;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        const reconnected = everOpen || attempts > 0;
        everOpen = true;
        attempts = 0;
        setLive((prev) => ({ ...prev, state: 'open', attempts: 0 }));
        sendWatch(ws);
        onOpen(reconnected);
      };
      ws.onmessage = (e: MessageEvent) => {
        let body: unknown;
        try {
          body = JSON.parse(String(e.data));
        } catch {
          return;
        }
        const parsed = safetyLiveEventSchema.safeParse(body);
        if (!parsed.success) return;
        const m = parsed.data;
        if (m.type === 'hello') {
          const skewMs = Date.parse(m.at) - Date.now();
          setLive((prev) => ({ ...prev, skewMs }));
        } else if (m.type === 'alarm') onAlarm(m.change, m.alarm);
        else if (m.type === 'latest') onLatest(m.values);
      };
      ws.onclose = (e: CloseEvent) => {
        if (socketRef.current === ws) socketRef.current = null;
        if (stopped) return;
        if (e.code === 4401) {
          // the session ended: the API client sends the browser to the login page on the 401 of this call
          setLive((prev) => ({ ...prev, state: 'closed', attempts }));
          void api.get('/api/auth/me').catch(() => undefined);
          return;
        }
        if (e.code === 4403) {
          setLive((prev) => ({ ...prev, state: 'closed', attempts }));
          return;
        }
        // refused before it opened (the browser does not tell why): if the session is gone, the API client's 401
        // handling sends the browser to the login page; otherwise the server was away and we try again
        if (!opened) void api.get('/api/auth/me').catch(() => undefined);
        const delay = reconnectDelay(attempts);
        attempts++;
        setLive((prev) => ({ ...prev, state: 'reconnecting', attempts }));
        timer = setTimeout(connect, delay);
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      const ws = socketRef.current;
      socketRef.current = null;
      ws?.close(1000, 'page closed');
    };
  }, []);

  // a new watch list goes out at once (and again after every reconnect, from the ref)
  useEffect(() => {
    watchRef.current = watchKey;
    const ws = socketRef.current;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ watch: watchKey ? watchKey.split(',') : [] }));
  }, [watchKey]);

  return live;
}
