// Appends to the hash-chained audit trail, verifies the chain, and archives records past retention.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import type { Db, DbOrTx } from '../database.ts';
import type { RequestContext } from '../context.ts';
import { auditRepository, type AuditRow } from './audit.repository.ts';
import { GENESIS_HASH, canonicalJson, recordHash, type ChainedFields } from './chain.ts';

export interface AuditInput {
  action: string;
  entityType?: string;
  entityId?: string;
  diff?: unknown;
  result?: 'success' | 'failure';
  resultCode?: string;
  /** For events without a signed-in actor (a failed login): who it was about. */
  username?: string;
  userId?: string;
}

/** Why a chain breaks: 'altered' = a record's content no longer matches its hash; 'unlinked' = a record was removed or inserted. */
export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: 'altered' | 'unlinked' | null;
}

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly dataDir: string,
  ) {}

  /** Appends one record in the caller's transaction (or its own). Marks the request as audited. */
  async record(tx: DbOrTx | null, ctx: RequestContext, input: AuditInput): Promise<void> {
    ctx.audited = true;
    if (tx) ctx.auditedInTx = true;
    const run = async (t: DbOrTx) => {
      await auditRepository.lockChain(t);
      const prevHash = (await auditRepository.findLastHash(t)) ?? GENESIS_HASH;
      const fields: ChainedFields = {
        at: this.clock.now(),
        userId: ctx.actor?.userId ?? input.userId ?? null,
        username: ctx.actor?.username ?? input.username ?? null,
        unitId: ctx.actor?.unitId ?? null,
        action: input.action,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        // Stored as jsonb; hashed in canonical form so that jsonb's key order does not matter.
        diff: input.diff === undefined ? null : JSON.parse(canonicalJson(input.diff)),
        ip: ctx.ip,
        requestId: ctx.requestId,
        result: input.result ?? 'success',
        resultCode: input.resultCode ?? null,
      };
      await auditRepository.insert(t, { ...fields, prevHash, hash: recordHash(prevHash, fields) });
    };
    if (tx) await run(tx);
    else await this.db.transaction(run);
  }

  /** Walks the chain in order and reports the first record whose hash or link does not hold. */
  async verify(): Promise<VerifyResult> {
    let prev = (await auditRepository.findLastArchivedHash(this.db)) ?? GENESIS_HASH;
    let after = 0;
    let checked = 0;
    for (;;) {
      const batch = await auditRepository.findBatchAfter(this.db, after, 2000);
      for (const row of batch) {
        if (row.prevHash !== prev) return broken(checked, row.seq, 'unlinked');
        if (recordHash(row.prevHash, fieldsOf(row)) !== row.hash) return broken(checked, row.seq, 'altered');
        prev = row.hash;
        after = row.seq;
        checked++;
      }
      if (batch.length < 2000) return { ok: true, checked, firstBrokenSeq: null, reason: null };
    }
  }

  /** Moves records older than the retention period to a JSON-lines file under DATA_DIR/audit-archive, then removes them. */
  async archiveOlderThan(days: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    let total = 0;
    for (;;) {
      const rows = await auditRepository.findOlderThan(this.db, cutoff, 5000);
      if (!rows.length) return total;
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      const dir = join(this.dataDir, 'audit-archive');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `audit-${first.seq}-${last.seq}.jsonl`);
      writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
      await this.db.transaction(async (tx) => {
        await auditRepository.lockChain(tx);
        await auditRepository.purgeUpTo(tx, last.seq, { fromSeq: first.seq, toSeq: last.seq, lastHash: last.hash, file, count: rows.length });
      });
      total += rows.length;
    }
  }
}

function fieldsOf(row: AuditRow): ChainedFields {
  return {
    at: row.at,
    userId: row.userId,
    username: row.username,
    unitId: row.unitId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    diff: row.diff,
    ip: row.ip,
    requestId: row.requestId,
    result: row.result,
    resultCode: row.resultCode,
  };
}

function broken(checked: number, seq: number, reason: 'altered' | 'unlinked'): VerifyResult {
  return { ok: false, checked, firstBrokenSeq: seq, reason };
}
