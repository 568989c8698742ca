// 流动红旗: who held the rotating red flag in each period and track, newest first, optionally of one scheme.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useApiGet } from '../../app/use-api.ts';
import { formatPoints, isEnglish, localName, periodLabel } from './assessment-ui.ts';
import { API, runPath, type RedFlagEntry, type RedFlagHistory as History, type SchemeList } from './assessment-types.ts';
import { RedFlag } from './AssessmentTags.tsx';

export function RedFlagTable({ items, loading }: { items: RedFlagEntry[]; loading?: boolean }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`assessments.redFlags.col.${k}`);
  const columns: TableColumnsType<RedFlagEntry> = [
    { title: col('scheme'), dataIndex: 'schemeName' },
    { title: col('period'), key: 'period', width: 180, render: (_, r) => <Link to={runPath(r.runId)}>{periodLabel(r.period, t)}</Link> },
    { title: col('track'), key: 'track', width: 140, render: (_, r) => r.track ?? '—' },
    {
      title: col('holder'),
      key: 'holder',
      render: (_, r) => (
        <Flex gap={6} align="center">
          <RedFlag />
          <Typography.Text strong>{r.name}</Typography.Text>
        </Flex>
      ),
    },
    { title: col('total'), key: 'total', width: 100, align: 'right', render: (_, r) => formatPoints(r.total) },
  ];
  return (
    <Table<RedFlagEntry>
      rowKey={(r) => `${r.runId}-${r.participantId}`}
      size="middle"
      loading={loading}
      dataSource={items}
      columns={columns}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('assessments.redFlags.empty') }}
      data-testid="red-flags-table"
    />
  );
}

export function RedFlagHistory({ schemeId, onScheme }: { schemeId: string | undefined; onScheme: (id: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const { data: schemes } = useApiGet<SchemeList>(`${API}/schemes`);
  const { data, loading } = useApiGet<History>(`${API}/red-flags`, { schemeId });
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 240 }}
          placeholder={t('assessments.redFlags.scheme')}
          value={schemeId}
          onChange={(v?: string) => onScheme(v)}
          options={(schemes?.items ?? []).map((s) => ({ value: s.id, label: localName(s, english) }))}
          data-testid="red-flags-scheme"
        />
        <Typography.Text type="secondary">{t('assessments.redFlags.hint')}</Typography.Text>
      </Flex>
      <RedFlagTable items={data?.items ?? []} loading={loading} />
    </>
  );
}
