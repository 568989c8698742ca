// Scheduled jobs that are safe with several instances on one database: each run claims its time slot with an
// insert into job_runs (primary key job + slot); only the instance whose insert succeeds runs it. Works on
// PostgreSQL and PGlite alike, with no extra job library.
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { queryRows, type Db } from '../database.ts';

export interface JobDef {
  name: string;
  /** Slot length: the job runs at most once per slot across all instances. */
  everyMs: number;
  run(now: Date): Promise<void>;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly jobs: JobDef[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly instance: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  add(job: JobDef): void {
    this.jobs.push(job);
  }

  start(tickMs = 5000): void {
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs every job whose current slot no instance has claimed yet. Returns the names of the jobs run here. */
  async tick(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const ran: string[] = [];
    try {
      for (const job of this.jobs) {
        const now = this.clock.now();
        const slot = String(Math.floor(now.getTime() / job.everyMs));
        const claim = await queryRows(
          this.db,
          sql`
          insert into job_runs (job, slot, instance) values (${job.name}, ${slot}, ${this.instance})
          on conflict do nothing returning job`,
        );
        if (!claim.length) continue;
        ran.push(job.name);
        let error: string | null = null;
        try {
          await job.run(now);
        } catch (err) {
          error = (err as Error).message;
          this.log.error({ err, job: job.name }, 'scheduled job failed');
        }
        await this.db.execute(sql`update job_runs set finished_at = now(), error = ${error} where job = ${job.name} and slot = ${slot}`);
      }
      // Keep the claim table small.
      await this.db.execute(sql`delete from job_runs where started_at < now() - interval '7 days'`);
    } finally {
      this.running = false;
    }
    return ran;
  }
}
