// 指标 tab of the economy settings: the whole catalogue, inactive indicators included
// (GET /api/economy/indicators?includeInactive=true), with create and edit.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Flex, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Indicator } from '@zoneops/shared';
import { useApiGet } from '../../app/use-api.ts';
import { IndicatorFormModal } from './IndicatorFormModal.tsx';

const level = (v: number | null) => (v === null ? '—' : `${v}%`);

export function IndicatorSettings() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const list = useApiGet<{ items: Indicator[] }>('/api/economy/indicators', { includeInactive: true });
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<{ indicator: Indicator | null } | null>(null);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = [...(list.data?.items ?? [])].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
    if (!needle) return all;
    return all.filter((i) => [i.code, i.nameZh, i.nameEn, ...i.aliases].some((s) => s.toLowerCase().includes(needle)));
  }, [list.data, q]);

  const columns: TableColumnsType<Indicator> = [
    { title: t('economyData.sort'), dataIndex: 'sort', width: 70 },
    { title: t('economyData.indicator.code'), dataIndex: 'code', width: 150, render: (v: string) => <span className="zo-mono">{v}</span> },
    {
      title: t('economyData.indicator.name'),
      key: 'name',
      render: (_, i) => (
        <span>
          {en ? i.nameEn : i.nameZh}
          {i.leading && (
            <Tag color="cyan" style={{ marginLeft: 6 }}>
              {t('economyData.leading')}
            </Tag>
          )}
          {i.aliases.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {i.aliases.join(t('common.listSeparator'))}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('economyData.indicator.unit'), key: 'unit', width: 100, render: (_, i) => (en ? i.unitEn : i.unit) },
    {
      title: t('economyData.indicator.statistics'),
      key: 'statistics',
      width: 200,
      render: (_, i) =>
        [
          t(`economyData.frequency.${i.frequency}`),
          t(`economyData.valueKind.${i.valueKind}`),
          t(`economyData.growthKind.${i.growthKind}`),
          i.additive ? null : t('economyData.indicator.notAdditive'),
        ]
          .filter(Boolean)
          .join(' · '),
    },
    {
      title: t('economyData.indicator.ranking'),
      key: 'ranking',
      width: 160,
      render: (_, i) => `${t(`economyData.rankBy.${i.rankBy}`)} · ${t(`economyData.direction.${i.higherIsBetter ? 'higher' : 'lower'}`)}`,
    },
    {
      title: t('economyData.indicator.thresholds'),
      key: 'thresholds',
      width: 130,
      render: (_, i) => t('economyData.indicator.thresholdsValue', { alert: level(i.alertLevel), excellent: level(i.excellentLevel) }),
    },
    { title: t('economyData.indicator.leadUnit'), dataIndex: 'leadUnitName', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('economyData.indicator.owner'), dataIndex: 'ownerName', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('common.enabled') : t('common.disabled')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, i) =>
        i.can.manage ? (
          <Button type="link" size="small" onClick={() => setEditing({ indicator: i })} data-testid={`indicator-edit-${i.code}`}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('economyData.indicator.search')}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 280 }}
          data-testid="indicator-search"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ indicator: null })} data-testid="indicator-create">
          {t('economyData.indicator.create')}
        </Button>
      </Flex>
      <Table<Indicator>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1300 }}
        onRow={(i) => ({ style: i.active ? undefined : { opacity: 0.6 } })}
        data-testid="indicator-table"
      />
      <IndicatorFormModal
        open={!!editing}
        indicator={editing?.indicator ?? null}
        onClose={() => setEditing(null)}
        onSaved={(i) => {
          setEditing(null);
          void message.success(t('economyData.indicator.saved', { name: en ? i.nameEn : i.nameZh }));
          list.reload();
        }}
      />
    </>
  );
}
