// Enterprise registry: filters by status, industry, tag and street; create, edit, delete, export.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Input, Select, Space, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { enterpriseStatuses, enterpriseTags, type Enterprise, type Unit } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { useDictionary } from '../../app/reference-data.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { enterpriseColumns } from './enterprise-columns.tsx';
import { EnterpriseFormModal } from './EnterpriseFormModal.tsx';

const isStreet = (u: Unit) => u.kind === 'street' || u.kind === 'town';

export default function EnterprisesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const report = useReportError();
  const table = useServerTable<Enterprise>('/api/enterprises', { sort: 'name' });
  const industries = useDictionary('industry');
  const [editing, setEditing] = useState<Enterprise | null>(null);
  const [open, setOpen] = useState(false);
  const canWrite = can('enterprises.write');
  const canUnits = can('units.read');
  const { filters } = table.state;

  const remove = async (e: Enterprise) => {
    try {
      await api.delete(`/api/enterprises/${e.id}`);
      void message.success(t('common.deleted'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };

  const columns = enterpriseColumns({
    t,
    sortOrder: table.sortOrder,
    industryLabel: industries.labelOf,
    canWrite,
    onEdit: (e) => {
      setEditing(e);
      setOpen(true);
    },
    onDelete: (e) => void remove(e),
  });

  return (
    <Card
      title={t('menu.enterprises')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/enterprises/export" query={table.query} fileName="enterprises.xlsx" />
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="enterprise-create"
              onClick={() => {
                setEditing(null);
                setOpen(true);
              }}
            >
              {t('enterprises.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('enterprises.searchPlaceholder')} style={{ width: 240 }} onSearch={table.setQ} />
        <Select
          allowClear
          placeholder={t('enterprises.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v?: string) => table.setFilter('status', v)}
          options={enterpriseStatuses.map((s) => ({ value: s, label: t(`enterpriseStatus.${s}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('enterprises.industry')}
          style={{ width: 180 }}
          value={filters.industry}
          onChange={(v?: string) => table.setFilter('industry', v)}
          options={industries.options}
        />
        <Select
          allowClear
          placeholder={t('enterprises.tags')}
          style={{ width: 160 }}
          value={filters.tag}
          onChange={(v?: string) => table.setFilter('tag', v)}
          options={enterpriseTags.map((s) => ({ value: s, label: t(`enterpriseTag.${s}`) }))}
        />
        {canUnits && (
          <UnitTreeSelect
            only={isStreet}
            placeholder={t('enterprises.street')}
            style={{ width: 180 }}
            value={filters.streetId}
            onChange={(v) => table.setFilter('streetId', typeof v === 'string' ? v : undefined)}
          />
        )}
      </Space>
      <Table<Enterprise> rowKey="id" columns={columns} {...table.tableProps} data-testid="enterprises-table" />
      <EnterpriseFormModal
        open={open}
        enterprise={editing}
        canPickStreet={canUnits}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          void message.success(t('common.saved'));
          table.reload();
        }}
      />
    </Card>
  );
}
