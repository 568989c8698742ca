// What every module receives at registration.
import type { FastifyBaseLogger } from 'fastify';
import type { AuditService } from './audit/audit.service.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './database.ts';
import type { NotificationService } from './notifications/notification.service.ts';
import type { WorkbenchRegistry } from './workbench.ts';
import type { SecretBox } from './auth/secret-box.ts';
import type { ResponseCache } from './response-cache.ts';

export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  workbench: WorkbenchRegistry;
  /** Encryption at rest for secrets the server reads back. */
  secrets: SecretBox;
  log: FastifyBaseLogger;
  /** Serialised answers of hot read routes; see response-cache.ts for why it is safe. */
  responses: ResponseCache;
}
