// 监测设备: devices, gateways and environmental stations (GET /api/safety/devices) with their state (online within 3
// expected intervals, offline, never heard, revoked), filtered by enterprise, kind, state and free text; registration
// (the new token shown once), edits, token rotation and revocation with a confirmation, and deletion.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  App,
  Badge,
  Button,
  Flex,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { deviceKinds, deviceStatuses, type DeviceKind } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { OneTimeSecret } from '../../../app/components/OneTimeSecret.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { DeviceForm } from './DeviceForm.tsx';
import { deviceKindColours, holdsToken, statusBadges } from './registry-ui.ts';
import type { DeviceWithToken, SafetyDevice } from './registry-types.ts';

/** The token of a new or rotated device, shown this once with a copy button and the warning that it will not be shown again. */
export function TokenModal({ answer, onClose }: { answer: DeviceWithToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <OneTimeSecret
      open={!!answer?.token}
      title={answer ? `${t('safetyRegistry.token.title')} · ${answer.device.name}` : t('safetyRegistry.token.title')}
      hint={`${t('safetyRegistry.token.hint')} ${t('safetyRegistry.token.usage')}`}
      label={t('safetyRegistry.token.label')}
      secret={answer?.token ?? ''}
      testId="device-token"
      onClose={onClose}
    />
  );
}

export interface DeviceTableProps {
  tableProps?: TableProps<SafetyDevice>;
  items?: SafetyDevice[];
  sortOrder?: (field: string) => 'ascend' | 'descend' | null;
  manage: boolean;
  onEdit: (d: SafetyDevice) => void;
  onRotate: (d: SafetyDevice) => void;
  onRevoke: (d: SafetyDevice) => void;
  onDelete: (d: SafetyDevice) => void;
}

export function DeviceTable({ tableProps, items, sortOrder, manage, onEdit, onRotate, onRevoke, onDelete }: DeviceTableProps) {
  const { t } = useTranslation();
  const c = (k: string) => t(`safetyRegistry.devices.col.${k}`);
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder?.(key) ?? null });
  const columns: TableColumnsType<SafetyDevice> = [
    { title: c('name'), dataIndex: 'name', width: 180, ...sorted('name') },
    {
      title: c('kind'),
      dataIndex: 'kind',
      width: 110,
      ...sorted('kind'),
      render: (k: DeviceKind) => <Tag color={deviceKindColours[k]}>{t(`safetyRegistry.deviceKinds.${k}`)}</Tag>,
    },
    { title: c('enterprise'), dataIndex: 'enterpriseName', width: 190, ellipsis: true, ...sorted('enterpriseName') },
    { title: c('gateway'), dataIndex: 'gatewayName', width: 130, render: (g: string | null) => g ?? '—' },
    { title: c('mn'), dataIndex: 'mn', width: 150, render: (mn: string | null) => (mn ? <span className="zo-mono">{mn}</span> : '—') },
    {
      title: c('token'),
      key: 'token',
      width: 170,
      render: (_: unknown, d) =>
        holdsToken(d) ? (
          <span data-testid={`device-token-hint-${d.id}`}>
            {d.tokenHint ? <span className="zo-mono">{t('safetyRegistry.devices.tokenHint', { hint: d.tokenHint })}</span> : '—'}
            {d.tokenIssuedAt && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('safetyRegistry.devices.issuedAt', { time: formatDateTime(d.tokenIssuedAt, false) })}
              </Typography.Text>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">
            {d.kind === 'station' ? t('safetyRegistry.devices.noTokenStation') : t('safetyRegistry.devices.noToken')}
          </Typography.Text>
        ),
    },
    {
      title: c('status'),
      dataIndex: 'status',
      width: 100,
      render: (s: SafetyDevice['status'], d) => (
        <Badge status={statusBadges[s]} text={t(`safetyRegistry.statuses.${s}`)} data-testid={`device-status-${d.id}`} />
      ),
    },
    { title: c('lastSeenAt'), dataIndex: 'lastSeenAt', width: 150, ...sorted('lastSeenAt'), render: (v: string | null) => formatDateTime(v, false) },
    { title: c('interval'), dataIndex: 'expectedIntervalS', width: 90, render: (s: number) => t('safetyRegistry.devices.seconds', { count: s }) },
    { title: c('points'), dataIndex: 'points', width: 70, ...sorted('points') },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, d: SafetyDevice) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => onEdit(d)}
                  data-testid={`device-edit-${d.id}`}
                />
                {holdsToken(d) && (
                  <Popconfirm title={t('safetyRegistry.devices.rotateConfirm', { name: d.name })} onConfirm={() => onRotate(d)}>
                    <Tooltip title={t('safetyRegistry.devices.rotate')}>
                      <Button
                        type="link"
                        size="small"
                        icon={<KeyOutlined />}
                        aria-label={t('safetyRegistry.devices.rotate')}
                        data-testid={`device-rotate-${d.id}`}
                      />
                    </Tooltip>
                  </Popconfirm>
                )}
                {holdsToken(d) && !d.revokedAt && (
                  <Popconfirm
                    title={t('safetyRegistry.devices.revokeConfirm', { name: d.name })}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => onRevoke(d)}
                  >
                    <Tooltip title={t('safetyRegistry.devices.revoke')}>
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<StopOutlined />}
                        aria-label={t('safetyRegistry.devices.revoke')}
                        data-testid={`device-revoke-${d.id}`}
                      />
                    </Tooltip>
                  </Popconfirm>
                )}
                {d.points > 0 || d.children > 0 ? (
                  <Tooltip title={t('safetyRegistry.devices.deleteBlocked')}>
                    <Button type="link" size="small" danger disabled icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Tooltip>
                ) : (
                  <Popconfirm title={t('safetyRegistry.devices.deleteConfirm', { name: d.name })} onConfirm={() => onDelete(d)}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`device-delete-${d.id}`} />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<SafetyDevice>
      rowKey="id"
      columns={columns}
      size="small"
      scroll={{ x: 'max-content' }}
      // `children` is the count of devices behind a gateway, not tree rows
      expandable={{ childrenColumnName: 'childRows' }}
      {...(tableProps ?? { dataSource: items, pagination: false })}
      data-testid="devices-table"
    />
  );
}

export function DeviceList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, me } = useAuth();
  const report = useReportError();
  const manage = can('safety.manage') && !me?.enterpriseId;
  const table = useServerTable<SafetyDevice>('/api/safety/devices', { sort: 'name' });
  const { filters } = table.state;
  const [editing, setEditing] = useState<SafetyDevice | 'new' | null>(null);
  const [shown, setShown] = useState<DeviceWithToken | null>(null);

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(done);
      table.reload();
    } catch (err) {
      report(err);
    }
  };
  const rotate = (d: SafetyDevice) =>
    void act(async () => setShown(await api.post<DeviceWithToken>(`/api/safety/devices/${d.id}/rotate-token`)), t('common.saved'));
  const revoke = (d: SafetyDevice) => void act(() => api.post(`/api/safety/devices/${d.id}/revoke`), t('safetyRegistry.devices.revoked'));
  const remove = (d: SafetyDevice) => void act(() => api.delete(`/api/safety/devices/${d.id}`), t('common.deleted'));

  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="device-filters">
          <Segmented
            value={filters.kind ?? ''}
            onChange={(v) => table.setFilter('kind', String(v) || undefined)}
            options={[
              { value: '', label: t('safetyRegistry.filter.allKinds') },
              ...deviceKinds.map((k) => ({ value: k, label: t(`safetyRegistry.deviceKinds.${k}`) })),
            ]}
            data-testid="device-filter-kind"
          />
          {!me?.enterpriseId && (
            <div style={{ width: 220, display: 'grid' }}>
              <EnterpriseSelect
                value={filters.enterpriseId}
                onChange={(v) => table.setFilter('enterpriseId', v ?? undefined)}
                placeholder={t('safetyRegistry.filter.enterprise')}
                testId="device-filter-enterprise"
              />
            </div>
          )}
          <Select
            allowClear
            placeholder={t('safetyRegistry.filter.status')}
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v?: string) => table.setFilter('status', v)}
            options={deviceStatuses.map((s) => ({ value: s, label: t(`safetyRegistry.statuses.${s}`) }))}
            data-testid="device-filter-status"
          />
          <Input.Search
            allowClear
            placeholder={t('safetyRegistry.filter.searchDevice')}
            style={{ width: 240 }}
            defaultValue={table.state.q}
            onSearch={table.setQ}
            data-testid="device-filter-q"
          />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/safety/devices/export" query={table.query} fileName={t('safetyRegistry.devices.exportName')} testId="device-export" />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="device-create">
              {t('safetyRegistry.devices.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <DeviceTable
        tableProps={table.tableProps}
        sortOrder={table.sortOrder}
        manage={manage}
        onEdit={setEditing}
        onRotate={rotate}
        onRevoke={revoke}
        onDelete={remove}
      />
      <DeviceForm
        open={editing !== null}
        device={editing === 'new' ? null : editing}
        kind={(filters.kind as DeviceKind | undefined) ?? 'device'}
        onClose={() => setEditing(null)}
        onCreated={(answer) => {
          void message.success(
            answer.points
              ? `${t('safetyRegistry.devices.created')} · ${t('safetyRegistry.devices.createdPoints', { count: answer.points })}`
              : t('safetyRegistry.devices.created'),
          );
          setEditing(null);
          setShown(answer.token ? answer : null);
          table.reload();
        }}
        onSaved={() => {
          void message.success(t('common.saved'));
          setEditing(null);
          table.reload();
        }}
      />
      <TokenModal answer={shown} onClose={() => setShown(null)} />
    </>
  );
}
