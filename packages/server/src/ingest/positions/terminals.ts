// The position terminals in memory (JT/T 808 by phone number, OsmAnd by device id): loaded from position_terminals,
// reloaded when the park registry changes ({kind:'park', what:'registry'} on every instance) and polled while the
// event feed is down. A registration updates the entry at once on this instance.
import type { FastifyBaseLogger } from 'fastify';
import type { PositionProtocol } from '@zoneops/shared';
import type { SafetyEvents } from '../../modules/safety/safety-events.ts';
import type { Db } from '../../platform/database.ts';
import { positionsRepository, type TerminalRow } from './positions.repository.ts';

const RELOAD_DEBOUNCE_MS = 200;
const RELOAD_WHEN_NOT_LIVE_MS = 30_000;
const REFRESH_MS = 2_000;

export type TerminalDef = TerminalRow;

export class TerminalDirectory {
  private byKey = new Map<string, TerminalDef>();
  private byTerminalId = new Map<string, TerminalDef>();
  private loading: Promise<void> | null = null;
  private again = false;
  private first: Promise<void> | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  loadedAt: Date | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date,
  ) {}

  get(protocol: PositionProtocol, identifier: string): TerminalDef | undefined {
    return this.byKey.get(`${protocol}:${identifier}`);
  }

  byId(id: string): TerminalDef | undefined {
    return this.byTerminalId.get(id);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Notes a terminal written by this instance (a registration). */
  put(t: TerminalDef): void {
    this.byKey.set(`${t.protocol}:${t.identifier}`, t);
    this.byTerminalId.set(t.id, t);
  }

  follow(events: SafetyEvents): void {
    if (this.unsubscribe) return;
    this.unsubscribe = events.on((e) => {
      if (e.kind !== 'park' || e.what !== 'registry') return;
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        this.debounce = null;
        void this.reload().catch((err: unknown) => this.log.error({ err }, 'position terminals reload failed'));
      }, RELOAD_DEBOUNCE_MS);
      this.debounce.unref();
    });
    this.timer = setInterval(() => {
      if (!events.isLive) void this.reload().catch((err: unknown) => this.log.error({ err }, 'position terminals reload failed'));
    }, RELOAD_WHEN_NOT_LIVE_MS);
    this.timer.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.timer) clearInterval(this.timer);
    this.debounce = this.timer = null;
  }

  ready(): Promise<void> {
    return (this.first ??= this.reload().catch((err: unknown) => {
      this.first = null;
      throw err;
    }));
  }

  private lastRefresh = 0;

  /**
   * Reloads when the last on-demand reload is older than REFRESH_MS (a terminal registered on another instance a
   * moment ago authenticates here before the registry event arrived); otherwise resolves at once.
   */
  refresh(): Promise<void> {
    const t = performance.now();
    if (t - this.lastRefresh < REFRESH_MS) return this.loading ?? Promise.resolve();
    this.lastRefresh = t;
    return this.reload();
  }

  /** Loads every terminal (one load at a time; a request during a load loads again after it). */
  async reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        const rows = await positionsRepository.loadTerminals(this.db);
        const next = new Map<string, TerminalDef>();
        const byId = new Map<string, TerminalDef>();
        for (const r of rows) {
          next.set(`${r.protocol}:${r.identifier}`, r);
          byId.set(r.id, r);
        }
        this.byKey = next;
        this.byTerminalId = byId;
        this.loadedAt = this.now();
      } while (this.again);
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
