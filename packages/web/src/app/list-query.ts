// The server list convention: page, pageSize, sort ("field" or "-field"), q, and the filters of each list.
import type { Query } from './api.ts';

export interface ListState {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  filters: Record<string, string | undefined>;
}

export const defaultListState: ListState = { page: 1, pageSize: 20, filters: {} };

export function listStateToQuery(state: ListState): Query {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, q: state.q?.trim(), ...state.filters };
}

interface SorterLike {
  field?: unknown;
  columnKey?: unknown;
  order?: 'ascend' | 'descend' | null;
}

/** The sort parameter from antd's sorter argument (single or multiple: the first wins). */
export function sortFromSorter(sorter: SorterLike | SorterLike[] | undefined): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order) return undefined;
  const key = s.columnKey ?? s.field;
  const field = Array.isArray(key) ? key.join('.') : typeof key === 'string' ? key : undefined;
  if (!field) return undefined;
  return s.order === 'descend' ? `-${field}` : field;
}

/** The antd sortOrder of a column given the current sort parameter. */
export function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
