// `npm run audit:verify`: walks the audit trail's hash chain; exits 1 and names the first broken record.
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { systemClock } from '../platform/clock.ts';
import { AuditService } from '../platform/audit/audit.service.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const result = await new AuditService(database.db, systemClock, config.dataDir).verify();
await database.close();
if (result.ok) {
  console.log(`audit chain intact: ${result.checked} records verified`);
} else {
  const why =
    result.reason === 'altered' ? 'record content does not match its hash (altered)' : 'link to the previous record does not match (removed or inserted)';
  console.error(`audit chain BROKEN at seq ${result.firstBrokenSeq}: ${why} (${result.checked} records verified before it)`);
  process.exit(1);
}
