import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/database.ts';
import { geoFeatures } from '../../db/schema.ts';

export const geoRepository = { findAll: (db: DbOrTx) => db.select().from(geoFeatures).orderBy(asc(geoFeatures.kind), asc(geoFeatures.name)) };
