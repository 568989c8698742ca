// The live feed of the vehicle page (WebSocket /api/park/live/ws): positions (at most once a second), closed-park
// alarm changes and the counts after someone entered or left. Reconnects with back-off like the safety page's feed
// (use-safety-live.ts); `onOpen(true)` after a reconnect tells the page to reload the snapshot. 4401 sends the
// browser to the login page (through the API client's own handling of a 401); 4403 stops. Messages that do not
// follow the contract are ignored.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { parkLiveEventSchema, type AlarmSummary, type LiveCounts, type LivePositionTuple } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { reconnectDelay, type LiveState } from '../../safety/use-safety-live.ts';

export interface ParkLiveHandlers {
  onPositions(positions: readonly LivePositionTuple[]): void;
  onAlarm(change: string, alarm: AlarmSummary): void;
  onCounts(counts: LiveCounts): void;
  onOpen?(reconnected: boolean): void;
}

export function parkLiveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/park/live/ws`;
}

export function useParkLive(handlers: ParkLiveHandlers): { state: LiveState; attempts: number } {
  const [live, setLive] = useState<{ state: LiveState; attempts: number }>({ state: 'connecting', attempts: 0 });
  const socketRef = useRef<WebSocket | null>(null);
  const onPositions = useEffectEvent((p: readonly LivePositionTuple[]) => handlers.onPositions(p));
  const onAlarm = useEffectEvent((change: string, alarm: AlarmSummary) => handlers.onAlarm(change, alarm));
  const onCounts = useEffectEvent((counts: LiveCounts) => handlers.onCounts(counts));
  const onOpen = useEffectEvent((reconnected: boolean) => handlers.onOpen?.(reconnected));

  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    let stopped = false;
    let attempts = 0;
    let everOpen = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const ws = new WebSocket(parkLiveUrl(window.location));
      socketRef.current = ws;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        const reconnected = everOpen || attempts > 0;
        everOpen = true;
        attempts = 0;
        setLive({ state: 'open', attempts: 0 });
        onOpen(reconnected);
      };
      ws.onmessage = (e: MessageEvent) => {
        let body: unknown;
        try {
          body = JSON.parse(String(e.data));
        } catch {
          return;
        }
        const parsed = parkLiveEventSchema.safeParse(body);
        if (!parsed.success) return;
        const m = parsed.data;
        if (m.type === 'positions') onPositions(m.positions);
        else if (m.type === 'alarm') onAlarm(m.change, m.alarm);
        else if (m.type === 'counts') onCounts(m.counts);
      };
      ws.onclose = (e: CloseEvent) => {
        if (socketRef.current === ws) socketRef.current = null;
        if (stopped) return;
        if (e.code === 4401 || e.code === 4403) {
          setLive({ state: 'closed', attempts });
          if (e.code === 4401) void api.get('/api/auth/me').catch(() => undefined);
          return;
        }
        if (!opened) void api.get('/api/auth/me').catch(() => undefined);
        const delay = reconnectDelay(attempts);
        attempts++;
        setLive({ state: 'reconnecting', attempts });
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

  return live;
}
