import { calendarDaySchema, calendarDayUpsertSchema, isoDate, okResponse, workingDaysQuery } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { createCalendarService } from './calendar.service.ts';

export { addWorkingDaysFrom, workingDaysUntil } from './calendar.service.ts';

export function registerCalendar(app: FastifyInstance, deps: Deps): void {
  const service = createCalendarService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const dateParams = z.object({ date: isoDate }).strict();
  r.get(
    '/api/calendar',
    { schema: { tags, querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict(), response: { 200: z.array(calendarDaySchema) } } },
    (req) => service.year(req.query.year),
  );
  r.get('/api/calendar/working-days', { schema: { tags, querystring: workingDaysQuery, response: { 200: z.object({ date: isoDate }) } } }, async (req) => ({
    date: await service.addWorkingDays(req.query.from, req.query.days),
  }));
  r.put(
    '/api/calendar/:date',
    { config: { auth: 'calendar.write' }, schema: { tags, params: dateParams, body: calendarDayUpsertSchema, response: { 200: calendarDaySchema } } },
    (req) => service.upsert(req.ctx, req.params.date, req.body),
  );
  r.delete('/api/calendar/:date', { config: { auth: 'calendar.write' }, schema: { tags, params: dateParams, response: { 200: okResponse } } }, async (req) => {
    await service.remove(req.ctx, req.params.date);
    return { ok: true as const };
  });
}
