// Shared parts of the ingest benchmark: the registry spec the platform child seeds, the thresholds of its points, an
// IPC wrapper for the children, and Linux /proc readings of CPU time and resident memory.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RegistrySpec {
  /** Devices with their own token, named dev-<i>, token <tokenPrefix>d<i>. */
  devices: number;
  /** Gateways named gw-<g> (token <tokenPrefix>g<g>), each carrying perGateway devices named gw<g>-d<j>. */
  gateways: number;
  perGateway: number;
  /** The tags of every device (one monitoring point each). */
  tags: string[];
  enterprises: number;
  tokenPrefix: string;
  /** Points whose ids the parent needs ("<device>/<tag>"). */
  watch: string[];
  username: string;
  password: string;
}

/** The thresholds of every bench point (minimum duration 0); readings are drawn in 40–60, excursions go past hh. */
export const BENCH_THRESHOLDS = { hh: 100, h: 90, l: 10, ll: 5, deadband: 2 };

/** A forked child answering {id, cmd, …} with {id, …}; other messages go to onEvent. */
export class Child {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  onEvent: (m: Record<string, unknown>) => void = () => undefined;
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    proc.on('error', () => undefined); // a send racing the child's exit; the exit rejects what waits
    proc.on('message', (m: Record<string, unknown>) => {
      const id = m.id as number | undefined;
      const w = id !== undefined ? this.waiting.get(id) : undefined;
      if (!w) return this.onEvent(m);
      this.waiting.delete(id!);
      if (m.error) w.reject(new Error(`${name}: ${String(m.error)}`));
      else w.resolve(m);
    });
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code) => {
        for (const w of this.waiting.values()) w.reject(new Error(`${name} exited with ${code}`));
        this.waiting.clear();
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.proc.pid!;
  }

  call<T = Record<string, unknown>>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      if (!this.proc.connected) return reject(new Error(`${this.name}: not running`));
      this.waiting.set(id, { resolve: resolve as (v: Record<string, unknown>) => void, reject });
      this.proc.send({ id, cmd, ...args });
    });
  }

  send(cmd: string, args: Record<string, unknown> = {}): void {
    if (this.proc.connected) this.proc.send({ id: ++this.seq, cmd, ...args });
  }

  async kill(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill('SIGTERM');
    await this.exited;
  }
}

/** Forks a TypeScript script of this folder (through tsx) with an IPC channel. */
export function forkScript(script: string, env: NodeJS.ProcessEnv = {}, execArgv: string[] = []): ChildProcess {
  return fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

// ---- /proc ----
export const hasProc = existsSync('/proc/self/stat');
const TICK_MS = 10; // CLK_TCK = 100

/** CPU time (utime + stime) of a process, ms; 0 when it has gone or without /proc. */
export function cpuMs(pid: number | undefined): number {
  if (!hasProc || pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Resident memory now and its high-water mark (MiB). */
export function rss(pid: number | undefined): { now: number; peak: number } {
  if (!hasProc || pid === undefined) return { now: 0, peak: 0 };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { now: 0, peak: 0 };
  }
}

/** CPU (% of one core) and memory of some processes over a window: RSS sampled every 500 ms. */
export class Meter {
  private readonly t0 = performance.now();
  private readonly cpu0: Map<number, number>;
  private readonly rssPeak = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: () => number[]) {
    this.cpu0 = new Map(pids().map((p) => [p, cpuMs(p)]));
    this.sample();
    this.timer = setInterval(() => this.sample(), 500);
  }

  private sample(): void {
    for (const p of this.pids()) this.rssPeak.set(p, Math.max(this.rssPeak.get(p) ?? 0, rss(p).now));
  }

  /** CPU % of one core per pid group (summed), RSS peak and end of the first pid of the group. */
  stop(): {
    seconds: number;
    cpuPct: (pids: number[]) => number;
    cpuMs: (pids: number[]) => number;
    rssPeak: (pid: number) => number;
    rssEnd: (pid: number) => number;
  } {
    clearInterval(this.timer);
    this.sample();
    const ms = performance.now() - this.t0;
    const cpu1 = new Map(this.pids().map((p) => [p, cpuMs(p)]));
    const used = (pids: number[]) => pids.reduce((s, p) => s + ((cpu1.get(p) ?? cpuMs(p)) - (this.cpu0.get(p) ?? 0)), 0);
    return {
      seconds: ms / 1000,
      cpuPct: (pids) => Math.round((used(pids) / ms) * 1000) / 10,
      cpuMs: used,
      rssPeak: (pid) => this.rssPeak.get(pid) ?? 0,
      rssEnd: (pid) => rss(pid).now,
    };
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU of a changing set of processes (PostgreSQL backends come and go with the pool): the list is sampled every
 * 500 ms; a process seen first during the window counts from 0, one that ends counts up to its last sample.
 */
export class DynamicCpu {
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private t0 = 0;

  constructor(private readonly list: () => Promise<number[]>) {}

  async start(): Promise<this> {
    for (const p of await this.list()) {
      const t = cpuMs(p);
      this.base.set(p, t);
      this.last.set(p, t);
    }
    this.t0 = performance.now();
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 500);
    return this;
  }

  private async sample(): Promise<void> {
    for (const p of await this.list()) {
      if (!this.base.has(p)) this.base.set(p, 0);
      const t = cpuMs(p);
      if (t > 0) this.last.set(p, t);
    }
  }

  /** CPU used in the window: ms and % of one core. */
  async stop(): Promise<{ ms: number; pct: number }> {
    clearInterval(this.timer);
    await this.sample().catch(() => undefined);
    const elapsed = performance.now() - this.t0;
    let used = 0;
    for (const [p, b] of this.base) used += Math.max(0, (this.last.get(p) ?? b) - b);
    return { ms: used, pct: elapsed > 0 ? Math.round((used / elapsed) * 1000) / 10 : 0 };
  }
}
