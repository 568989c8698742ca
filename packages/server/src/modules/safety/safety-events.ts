// Safety events across instances: a write that others must hear (a registry change, an alarm change) is sent with
// pg_notify on the channel zoneops_safety inside its transaction, so every instance (this one included) hears it
// when, and only when, it commits. Payloads are JSON and stay far below PostgreSQL's 8000-byte limit.
import { sql } from 'drizzle-orm';
import type { AlarmSummary } from '@zoneops/shared';
import type { DbOrTx, ListenChannel } from '../../platform/database.ts';

export type SafetyEvent =
  /** Devices, points, tokens or suppressions changed: directories reload. */
  | { kind: 'registry' }
  /**
   * An alarm changed: `change` is raised | levelChanged | cleared | returned | acknowledged | handled | closed | escalated |
   * hazardOpened, or occurred (a closed-park alarm raised again while open at the same level: occurrences + 1, no event row).
   */
  | { kind: 'alarm'; change: string; alarm: AlarmSummary }
  /**
   * Closed-park data changed (issue 8): `registry` (checkpoints, devices, vehicles, people, lists, terminals),
   * `geofences`, `appointments` or `visits` (someone entered or left: counts change). Listeners reload what they need.
   */
  | { kind: 'park'; what: ParkChange };

export type ParkChange = 'registry' | 'geofences' | 'appointments' | 'visits';

/** The channel of these events (a statement that notifies by itself names it: alarm.repository.ts announce). */
export const SAFETY_CHANNEL = 'zoneops_safety';

type Handler = (event: SafetyEvent) => void;

export class SafetyEvents {
  private readonly handlers: Handler[] = [];
  private live = false;

  /** Sends the event when the surrounding transaction commits (at once outside a transaction). */
  async notify(db: DbOrTx, event: SafetyEvent): Promise<void> {
    await db.execute(sql`select pg_notify(${SAFETY_CHANNEL}, ${JSON.stringify(event)})`);
  }

  on(handler: Handler): () => void {
    this.handlers.push(handler);
    return () => {
      const i = this.handlers.indexOf(handler);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  /** True while the LISTEN connection is up (while it is down, directories reload on a timer). */
  get isLive(): boolean {
    return this.live;
  }

  async listen(
    listen: (channel: ListenChannel, onNotify: (payload: string) => void, onLive: (live: boolean) => void) => Promise<() => Promise<void>>,
  ): Promise<() => Promise<void>> {
    return listen(
      SAFETY_CHANNEL,
      (payload) => {
        let event: SafetyEvent;
        try {
          event = JSON.parse(payload) as SafetyEvent;
        } catch {
          return;
        }
        for (const h of [...this.handlers]) h(event);
      },
      (live) => {
        this.live = live;
        if (live) for (const h of [...this.handlers]) h({ kind: 'registry' });
      },
    );
  }
}
