// 排名: one ranking table per track (rank with 并列 when tied, each dimension's points, the total, the red flag) and the
// totals as bars. A click on a row opens that participant's breakdown.
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Col, Empty, Row, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EChart } from '../../../app/EChart.tsx';
import { totalsOption } from '../assessment-chart.ts';
import { formatPoints, isEnglish, localName, resultsByTrack, type TrackGroup } from '../assessment-ui.ts';
import type { AssessmentDimension, AssessmentResultRow, AssessmentRun } from '../assessment-types.ts';
import { CategoryTag, RedFlag, TiedTag } from '../AssessmentTags.tsx';

function TrackRanking({ group, dimensions, onOpen }: { group: TrackGroup; dimensions: AssessmentDimension[]; onOpen: (participantId: string) => void }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const option = useMemo(
    () =>
      totalsOption(group.rows, {
        rank: (rank, tied) => t(tied ? 'assessments.results.rankTied' : 'assessments.results.rankText', { rank }),
        noData: t('assessments.noData'),
      }),
    [group, t],
  );
  const columns: TableColumnsType<AssessmentResultRow> = [
    {
      title: t('assessments.results.col.rank'),
      key: 'rank',
      width: 110,
      fixed: 'left',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid={`rank-${r.participantId}`}>
          <Typography.Text strong>{r.rank}</Typography.Text>
          {r.tied && <TiedTag />}
        </span>
      ),
    },
    {
      title: t('assessments.results.col.name'),
      key: 'name',
      fixed: 'left',
      render: (_, r) => <Typography.Link>{r.name}</Typography.Link>,
    },
    ...dimensions.map((d) => ({
      title: (
        <Tooltip title={t(`assessments.method.${d.method}`)}>
          <span style={{ whiteSpace: 'nowrap' }}>
            <CategoryTag category={d.category} />
            {localName(d, english)}（{formatPoints(d.weight)}）
          </span>
        </Tooltip>
      ),
      key: `dim-${d.id}`,
      align: 'right' as const,
      render: (_: unknown, r: AssessmentResultRow) => {
        const v = r.dimensions[d.id];
        if (v === null || v === undefined) return <Tag>{t('assessments.results.pending')}</Tag>;
        return <Typography.Text type={v < d.weight ? undefined : 'success'}>{formatPoints(v)}</Typography.Text>;
      },
    })),
    {
      title: t('assessments.results.col.total'),
      key: 'total',
      align: 'right',
      width: 90,
      fixed: 'right',
      render: (_, r) => <Typography.Text strong>{formatPoints(r.total)}</Typography.Text>,
    },
    {
      title: t('assessments.results.col.redFlag'),
      key: 'redFlag',
      align: 'center',
      width: 90,
      fixed: 'right',
      render: (_, r) => (r.redFlag ? <RedFlag /> : null),
    },
  ];
  return (
    <Card size="small" title={group.track ?? t('assessments.results.noTrack')} data-testid={`ranking-${group.track ?? 'all'}`}>
      <Row gutter={[12, 12]}>
        <Col xs={24} xxl={15}>
          <Table<AssessmentResultRow>
            rowKey="participantId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={group.rows}
            columns={columns}
            onRow={(r) =>
              ({
                onClick: () => onOpen(r.participantId),
                style: { cursor: 'pointer' },
                'data-testid': `result-row-${r.participantId}`,
                'data-red-flag': r.redFlag ? 'true' : undefined,
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </Col>
        <Col xs={24} xxl={9}>
          <Typography.Text type="secondary">{t('assessments.results.chart')}</Typography.Text>
          <EChart option={option} height={Math.max(160, group.rows.length * 28 + 24)} testId={`totals-chart-${group.track ?? 'all'}`} />
        </Col>
      </Row>
    </Card>
  );
}

export function ResultsTab({ run, onOpen }: { run: AssessmentRun; onOpen: (participantId: string) => void }) {
  const { t } = useTranslation();
  const groups = useMemo(() => resultsByTrack(run.results), [run.results]);
  if (!groups.length) return <Empty description={t('assessments.results.empty')} data-testid="results-empty" />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="results">
      {run.status === 'scoring' && <Alert type="warning" showIcon title={t('assessments.run.provisional')} />}
      <Typography.Text type="secondary">{t('assessments.results.clickHint')}</Typography.Text>
      {groups.map((g) => (
        <TrackRanking key={g.track ?? ''} group={g} dimensions={run.dimensions} onOpen={onOpen} />
      ))}
    </Space>
  );
}
