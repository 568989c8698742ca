// 每周汇总进展: a week's figures of a ledger (new, reported, newly overdue, closed, by unit), as Word or Excel.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, DatePicker, Flex, Modal, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { WeeklySummary } from '@zoneops/shared';
import type { Ledger } from '../../app/contract.ts';
import { downloadExport } from '../../app/download.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { LightDot } from './LightBadge.tsx';

type UnitRow = WeeklySummary['byUnit'][number];

export function WeeklyModal({ ledger, open, onClose }: { ledger: Ledger; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [week, setWeek] = useState<Dayjs>(() => dayjs());
  const [busy, setBusy] = useState<'docx' | 'xlsx' | null>(null);
  const day = week.format('YYYY-MM-DD');
  const { data, loading } = useApiGet<WeeklySummary>(open ? `/api/ledgers/${ledger.id}/weekly` : null, { week: day });
  const download = async (format: 'docx' | 'xlsx') => {
    setBusy(format);
    try {
      await downloadExport(`/api/ledgers/${ledger.id}/weekly`, { week: day, format }, `${ledger.name}.${format}`);
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };
  const totals = data
    ? (['items', 'open', 'newlyAssigned', 'progressReported', 'newlyOverdue', 'overdue', 'closed'] as const).map((k) => ({ k, v: data.totals[k] }))
    : [];

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={960} title={t('ledger.weekly.title', { ledger: ledger.name })} destroyOnHidden>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space>
          <DatePicker picker="week" value={week} allowClear={false} onChange={(d) => d && setWeek(d)} data-testid="weekly-week" />
          {data && (
            <Typography.Text type="secondary">{t('ledger.weekly.range', { start: data.week.start, end: data.week.end, asOf: data.week.asOf })}</Typography.Text>
          )}
        </Space>
        <Space>
          <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void download('docx')} data-testid="weekly-docx">
            {t('ledger.weekly.docx')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')} data-testid="weekly-xlsx">
            {t('ledger.weekly.xlsx')}
          </Button>
        </Space>
      </Flex>
      <Flex gap={28} wrap style={{ marginBottom: 12 }}>
        {totals.map(({ k, v }) => (
          <Statistic
            key={k}
            title={t(`ledger.weekly.totals.${k}`)}
            value={v}
            loading={loading && !data}
            styles={{ content: k === 'newlyOverdue' || k === 'overdue' ? { color: v ? '#e5484d' : undefined } : undefined }}
          />
        ))}
      </Flex>
      {data && (
        <Tabs
          items={[
            {
              key: 'units',
              label: t('ledger.weekly.byUnit'),
              children: (
                <Table<UnitRow>
                  rowKey="unitId"
                  size="small"
                  pagination={false}
                  dataSource={data.byUnit}
                  columns={[
                    { title: t('ledger.col.leadUnit'), dataIndex: 'unitName' },
                    ...(['open', 'newlyAssigned', 'progressReported', 'closed', 'overdue'] as const).map((k) => ({
                      title: t(`ledger.weekly.totals.${k}`),
                      dataIndex: k,
                      width: 90,
                    })),
                    {
                      title: t('ledger.col.light'),
                      key: 'lights',
                      width: 150,
                      render: (_: unknown, r: UnitRow) => (
                        <Space size={10}>
                          {(['red', 'yellow', 'green'] as const).map((l) => (
                            <Space key={l} size={3}>
                              <LightDot light={l} size={8} />
                              {r[l]}
                            </Space>
                          ))}
                        </Space>
                      ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'overdue',
              label: `${t('ledger.weekly.newlyOverdue')} (${data.newlyOverdue.length})`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={data.newlyOverdue}
                  columns={[
                    {
                      title: t('ledger.col.code'),
                      dataIndex: 'code',
                      width: 130,
                      render: (c: string, r: { id: string }) => <Link to={`/supervision/items/${r.id}`}>{c}</Link>,
                    },
                    { title: t('ledger.col.title'), dataIndex: 'title' },
                    { title: t('ledger.col.leadUnit'), dataIndex: 'leadUnitName', width: 140 },
                    { title: t('ledger.col.deadline'), dataIndex: 'deadline', width: 110 },
                    { title: t('ledger.weekly.daysOverdue'), dataIndex: 'daysOverdue', width: 90, render: (d: number) => <Tag color="red">{d}</Tag> },
                  ]}
                />
              ),
            },
            {
              key: 'closed',
              label: `${t('ledger.weekly.closed')} (${data.closed.length})`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={data.closed}
                  columns={[
                    {
                      title: t('ledger.col.code'),
                      dataIndex: 'code',
                      width: 130,
                      render: (c: string, r: { id: string }) => <Link to={`/supervision/items/${r.id}`}>{c}</Link>,
                    },
                    { title: t('ledger.col.title'), dataIndex: 'title' },
                    { title: t('ledger.col.leadUnit'), dataIndex: 'leadUnitName', width: 140 },
                    { title: t('ledger.weekly.closedOn'), dataIndex: 'closedOn', width: 110 },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
