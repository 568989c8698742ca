// State of a server-driven antd Table: page, pageSize, sort, q and filters, reloaded on every change.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableProps } from 'antd';
import type { Page } from '@zoneops/shared';
import { defaultListState, listStateToQuery, sortFromSorter, sortOrderOf, type ListState } from './list-query.ts';
import { useApiGet } from './use-api.ts';

export function useServerTable<T>(path: string, init: Partial<ListState> = {}) {
  const { t } = useTranslation();
  const [state, setState] = useState<ListState>(() => ({
    ...defaultListState,
    ...init,
    filters: { ...init.filters },
  }));
  const query = useMemo(() => listStateToQuery(state), [state]);
  const { data, loading, reload, mutate } = useApiGet<Page<T>>(path, query);

  const setFilter = useCallback((name: string, value: string | undefined | null) => {
    setState((s) => ({ ...s, page: 1, filters: { ...s.filters, [name]: value || undefined } }));
  }, []);
  const setFilters = useCallback((filters: Record<string, string | undefined>) => {
    setState((s) => ({ ...s, page: 1, filters: { ...s.filters, ...filters } }));
  }, []);
  const setQ = useCallback((q: string) => setState((s) => ({ ...s, page: 1, q: q || undefined })), []);
  /** Replaces filters, free text and sort at once (a saved view), back on the first page. */
  const restore = useCallback(
    (next: Pick<ListState, 'filters' | 'q' | 'sort'>) => setState((s) => ({ ...s, page: 1, filters: next.filters, q: next.q, sort: next.sort })),
    [],
  );

  const onChange: NonNullable<TableProps<T>['onChange']> = (pagination, _filters, sorter) => {
    setState((s) => ({
      ...s,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? s.pageSize,
      sort: sortFromSorter(sorter),
    }));
  };

  const tableProps: TableProps<T> = {
    dataSource: data?.items ?? [],
    loading,
    onChange,
    size: 'middle',
    scroll: { x: 'max-content' },
    pagination: {
      current: state.page,
      pageSize: state.pageSize,
      total: data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total) => t('common.total', { total }),
    },
  };

  return {
    state,
    query,
    data,
    loading,
    reload,
    mutate,
    setFilter,
    setFilters,
    setQ,
    restore,
    tableProps,
    sortOrder: (field: string) => sortOrderOf(state.sort, field),
  };
}
