// 问题清单: the blockers of a project, ledger items listed by GET /api/ledger-items?projectId=… in the columns of the
// supervision list (each opens at /supervision/items/:id). Mount it with a key that changes to reload it.
import { useTranslation } from 'react-i18next';
import { Button, Flex, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { LedgerItem } from '../../../app/contract.ts';
import { shanghaiToday } from '../../../app/format.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { itemColumns, itemColumnsWidth } from '../../ledger/item-columns.tsx';

export function Blockers({ projectId, canRaise, onRaise }: { projectId: string; canRaise: boolean; onRaise: () => void }) {
  const { t } = useTranslation();
  const table = useServerTable<LedgerItem>('/api/ledger-items', { sort: 'deadline', pageSize: 10, filters: { projectId } });
  const columns = itemColumns(t, table.sortOrder, { kind: 'blocker', today: shanghaiToday() });
  return (
    <>
      <Flex gap={8} justify="end" style={{ marginBottom: 8 }}>
        <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
        {canRaise && (
          <Button icon={<PlusOutlined />} onClick={onRaise} data-testid="blocker-create-tab">
            {t('projects.actions.blocker')}
          </Button>
        )}
      </Flex>
      <Table<LedgerItem>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        size="small"
        scroll={{ x: itemColumnsWidth('blocker') }}
        locale={{ emptyText: t('projects.blocker.none') }}
        data-testid="project-blockers-table"
      />
    </>
  );
}
