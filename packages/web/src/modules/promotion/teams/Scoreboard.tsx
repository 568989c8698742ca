// 组团考核: the tally of every team in a period (GET /api/promotion/scoreboard?from&to): leads, trips, receptions,
// signings, signed investment and capital in place, as a sortable table and a chart; exported with the same period.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Flex, Space, Table } from 'antd';
import type { z } from 'zod';
import { compareMoney, type scoreboardSchema } from '@zoneops/shared';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { EChart } from '../../../app/EChart.tsx';
import { useApiGet } from '../../../app/use-api.ts';
import { formatWan } from '../../projects/format.ts';
import { PeriodPicker, usePeriodParam } from '../PeriodPicker.tsx';
import { scoreboardOption } from '../promotion-ui.ts';

export type ScoreboardAnswer = z.infer<typeof scoreboardSchema>;
type Row = ScoreboardAnswer['rows'][number];

export function ScoreboardView({ board }: { board: ScoreboardAnswer }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      scoreboardOption(board.rows, {
        leads: t('promotion.score.leads'),
        trips: t('promotion.score.trips'),
        receptions: t('promotion.score.receptions'),
        signings: t('promotion.score.signings'),
        signedInvestment: t('promotion.score.signedInvestment'),
        capitalInPlace: t('promotion.score.capitalInPlace'),
        count: t('promotion.score.count'),
        wan: t('promotion.wan'),
        noData: t('promotion.noData'),
      }),
    [board, t],
  );
  const count = (key: 'leads' | 'trips' | 'receptions' | 'signings') => ({
    title: t(`promotion.score.${key}`),
    dataIndex: key,
    key,
    align: 'right' as const,
    sorter: (a: Row, b: Row) => a[key] - b[key],
  });
  const money = (key: 'signedInvestment' | 'capitalInPlace') => ({
    title: `${t(`promotion.score.${key}`)}（${t('promotion.wan')}）`,
    dataIndex: key,
    key,
    align: 'right' as const,
    sorter: (a: Row, b: Row) => compareMoney(a[key], b[key]),
    render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatWan(v)}</span>,
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="scoreboard">
      <Card size="small">
        <EChart option={option} height={300} testId="scoreboard-chart" />
      </Card>
      <Table<Row>
        rowKey="teamId"
        size="small"
        pagination={false}
        dataSource={board.rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('promotion.col.team'), dataIndex: 'teamName', key: 'teamName', sorter: (a, b) => a.teamName.localeCompare(b.teamName, 'zh-CN') },
          count('leads'),
          count('trips'),
          count('receptions'),
          count('signings'),
          money('signedInvestment'),
          money('capitalInPlace'),
        ]}
        data-testid="scoreboard-table"
      />
    </Space>
  );
}

export function Scoreboard() {
  const [period, setPeriod] = usePeriodParam();
  const { data } = useApiGet<ScoreboardAnswer>('/api/promotion/scoreboard', { ...period });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" wrap gap={8}>
        <PeriodPicker value={period} onChange={setPeriod} testId="scoreboard-period" />
        <ExportButton path="/api/promotion/scoreboard/export" query={{ ...period }} fileName="scoreboard.xlsx" testId="scoreboard-export" />
      </Flex>
      {data ? <ScoreboardView board={data} /> : <Card loading size="small" />}
    </Space>
  );
}
