// The task list of ledgers (supervision tasks, rectification problems): filters, saved views, the server table.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Flex, Table } from 'antd';
import type { LedgerKind } from '@zoneops/shared';
import type { LedgerItem } from '../../app/contract.ts';
import { shanghaiToday } from '../../app/format.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { itemColumns, itemColumnsWidth } from './item-columns.tsx';
import { ItemFilters } from './ItemFilters.tsx';
import { stateOfView, viewQuery } from './ledger-ui.ts';
import { SavedViews } from './SavedViews.tsx';

/** Filters that choose which ledger is listed; a saved view neither stores nor replaces them. */
export const SCOPE_FILTERS = ['kind', 'ledgerId', 'parentId'] as const;

/** The table state of a ledger list: top-level items of a kind, soonest deadline first. */
export function useItemTable(kind: LedgerKind, ledgerId?: string) {
  return useServerTable<LedgerItem>('/api/ledger-items', { sort: 'deadline', filters: { kind, parentId: 'root', ledgerId } });
}

export type ItemTable = ReturnType<typeof useItemTable>;

export function ItemList({ kind, table }: { kind: LedgerKind; table: ItemTable }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const { state } = table;
  const columns = itemColumns(t, table.sortOrder, { kind, today: shanghaiToday() });
  return (
    <>
      <Flex gap={8} justify="space-between" align="start" style={{ marginBottom: 12 }}>
        <ItemFilters filters={state.filters} q={state.q} setFilter={table.setFilter} setFilters={table.setFilters} setQ={table.setQ} version={version} />
        <SavedViews
          page={kind}
          current={viewQuery(state, SCOPE_FILTERS)}
          onApply={(query) => {
            table.restore(stateOfView(query, state.filters, SCOPE_FILTERS));
            setVersion((v) => v + 1);
          }}
        />
      </Flex>
      <Table<LedgerItem>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        size="small"
        scroll={{ x: itemColumnsWidth(kind) }}
        data-testid="ledger-items-table"
      />
    </>
  );
}
