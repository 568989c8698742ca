// A rule set kept as one setting (service clocks, request deadlines…): read through its schema with the built-in
// defaults until an administrator changes it; a change is checked, needs its permission and is audited with before
// and after.
import type { z } from 'zod';
import type { Principal } from './access/principal.ts';
import type { RequestContext } from './context.ts';
import type { DbOrTx } from './database.ts';
import type { Deps } from './deps.ts';
import { forbidden } from './errors.ts';
import { settingsRepository } from './settings.repository.ts';

export function settingStore<S extends z.ZodType>(deps: Pick<Deps, 'db' | 'audit'>, key: string, schema: S, defaults: z.output<S>, permission: string) {
  const { db, audit } = deps;
  /** Inside a transaction, pass it (a second connection may not exist: PGlite). */
  const get = (tx: DbOrTx = db): Promise<z.output<S>> => settingsRepository.find<z.output<S>>(tx, key, schema, defaults);
  return {
    get,
    async save(ctx: RequestContext, p: Principal, value: z.output<S>): Promise<z.output<S>> {
      if (!p.permissions.has(permission)) throw forbidden(`changing ${key} needs ${permission}`);
      const before = await get();
      // (read before the transaction opens)
      await db.transaction(async (tx) => {
        await settingsRepository.save(tx, key, value);
        await audit.record(tx, ctx, { action: `${key}.update`, entityType: 'setting', entityId: key, diff: { before, after: value } });
      });
      return value;
    },
  };
}
