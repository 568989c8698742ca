// What every module receives at registration.
import type { FastifyBaseLogger } from 'fastify';
import type { AuditService } from './audit/audit.service.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './database.ts';
import type { NotificationService } from './notifications/notification.service.ts';
import type { WorkbenchRegistry } from './workbench.ts';

export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  workbench: WorkbenchRegistry;
  log: FastifyBaseLogger;
}
