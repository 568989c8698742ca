// Entry appointments (预约入园, issue 8): the list the caller sees (an enterprise user its own enterprise's) with
// filters (status, days, plate, carrier), sort and export; filing (park.appointment or park.manage); the detail with
// its QR code, history and the actions the caller may take by state and permission.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { appointmentStatuses, type EntryAppointment } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { AppointmentForm } from './appointments/AppointmentForm.tsx';
import { AppointmentDrawer, statusColours } from './appointments/AppointmentDetail.tsx';

export function AppointmentTable({
  items,
  tableProps,
  sortOrder,
  onOpen,
}: {
  items?: EntryAppointment[];
  tableProps?: ReturnType<typeof useServerTable<EntryAppointment>>['tableProps'];
  sortOrder?: (f: string) => 'ascend' | 'descend' | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder?.(key) ?? null });
  const columns: TableColumnsType<EntryAppointment> = [
    {
      title: t('parkAppointments.field.code'),
      dataIndex: 'code',
      render: (c: string, r) => (
        <a onClick={() => onOpen(r.id)} className="zo-mono" data-testid={`appointment-open-${r.id}`}>
          {c}
        </a>
      ),
    },
    {
      title: t('parkAppointments.field.status'),
      dataIndex: 'status',
      ...sorted('status'),
      render: (s: string) => <Tag color={statusColours[s]}>{t(`parkAppointments.statuses.${s}`)}</Tag>,
    },
    { title: t('parkAppointments.field.vehicle'), dataIndex: 'plate', ...sorted('plate') },
    { title: t('parkAppointments.field.carrier'), dataIndex: 'carrierName' },
    { title: t('parkAppointments.field.driver'), dataIndex: 'driverName' },
    {
      title: t('parkAppointments.field.cargo'),
      dataIndex: 'cargo',
      render: (c: EntryAppointment['cargo']) => c.map((l) => `UN${l.unNumber} ${l.name}`).join('、'),
    },
    { title: t('parkAppointments.field.enterprise'), dataIndex: 'enterpriseName', ...sorted('enterpriseName') },
    {
      title: t('parkAppointments.field.window'),
      dataIndex: 'windowStart',
      ...sorted('windowStart'),
      render: (_: string, r) => `${formatDateTime(r.windowStart, false)} – ${formatDateTime(r.windowEnd, false)}`,
    },
  ];
  return (
    <Table<EntryAppointment>
      rowKey="id"
      columns={columns}
      size="small"
      scroll={{ x: 'max-content' }}
      {...(tableProps ?? { dataSource: items, pagination: false })}
      data-testid="appointments-table"
    />
  );
}

export default function AppointmentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const table = useServerTable<EntryAppointment>('/api/park/appointments', { sort: '-windowStart' });
  const { filters } = table.state;
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(() => new URLSearchParams(globalThis.location?.search ?? '').get('id'));
  const mayFile = can('park.appointment') || can('park.manage');
  return (
    <Card title={t('parkAppointments.title')}>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} data-testid="appointment-filters">
          <Select
            allowClear
            placeholder={t('parkAppointments.field.status')}
            style={{ width: 140 }}
            value={filters.status}
            onChange={(v?: string) => table.setFilter('status', v)}
            options={appointmentStatuses.map((s) => ({ value: s, label: t(`parkAppointments.statuses.${s}`) }))}
            data-testid="appointment-filter-status"
          />
          <DatePicker.RangePicker
            onChange={(range) => table.setFilters({ from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined })}
          />
          <Input.Search
            allowClear
            placeholder={t('parkAppointments.searchPlate')}
            style={{ width: 180 }}
            onSearch={(v) => table.setFilter('plate', v || undefined)}
            data-testid="appointment-filter-plate"
          />
          <Input.Search allowClear placeholder={t('parkAppointments.search')} style={{ width: 200 }} defaultValue={table.state.q} onSearch={table.setQ} />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/park/appointments/export" query={table.query} fileName={t('parkAppointments.exportName')} testId="appointment-export" />
          {mayFile && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="appointment-create">
              {t('parkAppointments.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <AppointmentTable tableProps={table.tableProps} sortOrder={table.sortOrder} onOpen={setOpen} />
      <AppointmentForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(a) => {
          setCreating(false);
          table.reload();
          setOpen(a.id);
        }}
      />
      <AppointmentDrawer id={open} onClose={() => setOpen(null)} onChanged={table.reload} />
    </Card>
  );
}
