// The list convention's server half: page → limit/offset, rows → {items, total, page, pageSize}.
import type { Page } from '@zoneops/shared';

export interface PageQuery {
  page: number;
  pageSize: number;
}

export function limitOffset(q: PageQuery): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export function toPage<T>(items: T[], total: number, q: PageQuery): Page<T> {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Escapes LIKE wildcards in user text so that "50%" searches for a percent sign. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
