// 检维修 / 开停车报备: windows during which the points they cover raise no alarm (GET/POST /api/safety/suppressions,
// POST …/:id/cancel). Enterprise users file for their own enterprise; safety managers for any.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { safetySuppressionStates, suppressionKinds, type SafetySuppression } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { MajorHazardSelect } from '../registry/pickers.tsx';
import { PointsSelect } from './PointsSelect.tsx';

const stateColours: Record<SafetySuppression['state'], string> = { scheduled: 'blue', active: 'green', ended: 'default', cancelled: 'default' };

interface Values {
  enterpriseId?: string | null;
  majorHazardId?: string | null;
  pointIds?: string[];
  kind: SafetySuppression['kind'];
  window?: [Dayjs, Dayjs];
  reason?: string;
}
const INITIAL: Values = { kind: 'maintenance', pointIds: [] };

export function SuppressionFormModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (s: SafetySuppression) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const own = me?.enterpriseId ?? null;
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial: INITIAL,
    onSubmit: async (v) => {
      const saved = await api.post<SafetySuppression>('/api/safety/suppressions', {
        ...(own ? {} : { enterpriseId: v.enterpriseId }),
        majorHazardId: v.majorHazardId ?? null,
        pointIds: v.pointIds ?? [],
        kind: v.kind,
        startsAt: v.window![0].toISOString(),
        endsAt: v.window![1].toISOString(),
        reason: v.reason?.trim() ?? '',
      });
      onDone(saved);
    },
  });
  const enterpriseId = (Form.useWatch('enterpriseId', form) as string | null | undefined) ?? own;
  const majorHazardId = Form.useWatch('majorHazardId', form) as string | null | undefined;
  return (
    <Modal
      {...modalProps}
      title={t('safetyAlarms.suppression.form.title')}
      onCancel={onClose}
      okText={t('common.submit')}
      width={560}
      data-testid="suppression-form"
    >
      <Typography.Paragraph type="secondary">{t('safetyAlarms.suppression.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        {!own && (
          <Form.Item name="enterpriseId" label={t('safetyAlarms.suppression.form.enterprise')} rules={[{ required: true }]}>
            <EnterpriseSelect testId="suppression-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('safetyAlarms.suppression.col.kind')} rules={[{ required: true }]}>
          <Radio.Group options={suppressionKinds.map((k) => ({ value: k, label: t(`safetyAlarms.suppression.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="majorHazardId" label={t('safetyAlarms.suppression.form.majorHazard')} extra={t('safetyAlarms.suppression.form.majorHazardHint')}>
          <MajorHazardSelect enterpriseId={enterpriseId} disabled={!enterpriseId} testId="suppression-source" />
        </Form.Item>
        <Form.Item name="pointIds" label={t('safetyAlarms.suppression.form.points')} extra={t('safetyAlarms.suppression.form.pointsHint')}>
          <PointsSelect enterpriseId={enterpriseId} majorHazardId={majorHazardId} testId="suppression-points" />
        </Form.Item>
        <Form.Item name="window" label={t('safetyAlarms.suppression.form.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="suppression-window" />
        </Form.Item>
        <Form.Item name="reason" label={t('safetyAlarms.suppression.form.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SuppressionTable({ rows, onCancel }: { rows: SafetySuppression[]; onCancel?: (s: SafetySuppression) => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<SafetySuppression> = [
    { title: t('safetyAlarms.suppression.col.enterprise'), key: 'enterprise', width: 200, render: (_, s) => s.enterpriseName },
    {
      title: t('safetyAlarms.suppression.col.scope'),
      key: 'scope',
      width: 180,
      render: (_, s) =>
        s.pointIds.length
          ? t('safetyAlarms.suppression.scopePoints', { count: s.pointIds.length })
          : s.majorHazardName
            ? t('safetyAlarms.suppression.scopeSource', { name: s.majorHazardName })
            : t('safetyAlarms.suppression.scopeEnterprise'),
    },
    { title: t('safetyAlarms.suppression.col.kind'), key: 'kind', width: 90, render: (_, s) => t(`safetyAlarms.suppression.kind.${s.kind}`) },
    {
      title: t('safetyAlarms.suppression.col.window'),
      key: 'window',
      width: 260,
      render: (_, s) => `${formatDateTime(s.startsAt, false)} ~ ${formatDateTime(s.endsAt, false)}`,
    },
    { title: t('safetyAlarms.suppression.col.reason'), key: 'reason', dataIndex: 'reason', width: 200, ellipsis: true },
    {
      title: t('safetyAlarms.suppression.col.state'),
      key: 'state',
      width: 90,
      render: (_, s) => (
        <Tag color={stateColours[s.state]} data-state={s.state}>
          {t(`safetyAlarms.suppression.state.${s.state}`)}
        </Tag>
      ),
    },
    { title: t('safetyAlarms.suppression.col.createdBy'), key: 'createdBy', width: 100, render: (_, s) => s.createdByName ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, s) =>
        onCancel && (s.state === 'active' || s.state === 'scheduled') ? (
          <Popconfirm title={t('safetyAlarms.suppression.cancelConfirm')} onConfirm={() => onCancel(s)}>
            <Button size="small" danger data-testid={`suppression-cancel-${s.id}`}>
              {t('safetyAlarms.suppression.cancel')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return <Table<SafetySuppression> rowKey="id" columns={columns} dataSource={rows} pagination={false} size="small" data-testid="suppressions-table" />;
}

export function SuppressionList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { can } = useAuth();
  const table = useServerTable<SafetySuppression>('/api/safety/suppressions', { sort: '-startsAt' });
  const [filing, setFiling] = useState(false);
  const cancel = async (s: SafetySuppression) => {
    try {
      await api.post(`/api/safety/suppressions/${s.id}/cancel`, {});
      void message.success(t('safetyAlarms.suppression.cancelled'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };
  const handler = can('safety.handle');
  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('safetyAlarms.suppression.col.state')}
            style={{ width: 120 }}
            value={table.state.filters.state}
            onChange={(v?: string) => table.setFilter('state', v)}
            options={safetySuppressionStates.map((s) => ({ value: s, label: t(`safetyAlarms.suppression.state.${s}`) }))}
            data-testid="suppression-filter-state"
          />
          <Typography.Text type="secondary">{t('safetyAlarms.suppression.hint')}</Typography.Text>
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          {handler && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="suppression-create">
              {t('safetyAlarms.suppression.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <SuppressionTable rows={table.data?.items ?? []} onCancel={handler ? (s) => void cancel(s) : undefined} />
      <SuppressionFormModal
        open={filing}
        onClose={() => setFiling(false)}
        onDone={() => {
          setFiling(false);
          void message.success(t('safetyAlarms.suppression.created'));
          table.reload();
        }}
      />
    </>
  );
}
