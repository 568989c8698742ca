// The big screen's live sockets, each drawn only when the caller may read its module (a socket refused for lack of
// permission would otherwise be retried): the safety feed (alarm changes) and the park feed (positions, closed-park
// alarms, counts). Reconnection with back-off is the hooks' own (use-safety-live.ts, use-park-live.ts). They draw
// nothing; their state goes to the page.
import { useEffect } from 'react';
import type { AlarmSummary, LiveCounts, LivePositionTuple } from '@zoneops/shared';
import { useSafetyLive, type LiveState } from '../safety/use-safety-live.ts';
import { useParkLive } from '../park/live/use-park-live.ts';

const NO_POINTS: readonly string[] = [];

export function SafetyLiveFeed({
  onAlarm,
  onOpen,
  onState,
}: {
  onAlarm: (change: string, alarm: AlarmSummary) => void;
  onOpen: (reconnected: boolean) => void;
  onState: (state: LiveState) => void;
}) {
  const { state } = useSafetyLive({ watch: NO_POINTS, onAlarm, onLatest: () => undefined, onOpen });
  useEffect(() => onState(state), [state, onState]);
  return null;
}

export function ParkLiveFeed({
  onPositions,
  onCounts,
  onOpen,
  onState,
}: {
  onPositions: (positions: readonly LivePositionTuple[]) => void;
  onCounts: (counts: LiveCounts) => void;
  onOpen: (reconnected: boolean) => void;
  onState: (state: LiveState) => void;
}) {
  // closed-park alarms reach the screen through the safety feed (the same alarms); only their count is kept here
  const { state } = useParkLive({ onPositions, onAlarm: () => undefined, onCounts, onOpen });
  useEffect(() => onState(state), [state, onState]);
  return null;
}
