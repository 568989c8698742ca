// 考核评比: the latest run of the most recently active scheme: its name, period and status, and the ranking per
// track (ties stated, the red flag marked); the title opens the run. No run yet: an empty state.
import { useTranslation } from 'react-i18next';
import { Empty, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { Cockpit } from '@zoneops/shared';
import { periodLabel, resultsByTrack } from '../../assessments/assessment-ui.ts';
import { RedFlag, RunStatusTag, TiedTag } from '../../assessments/AssessmentTags.tsx';
import { formatNumber, langOf, type CompetitionRow } from '../cockpit-ui.ts';
import { Compact, TileCard } from './TileCard.tsx';

export function CompetitionTile({ competition }: { competition: Cockpit['competition'] }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  if (!competition) {
    return (
      <TileCard tile="competition">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.competition.none')} data-testid="competition-none" />
      </TileCard>
    );
  }
  const columns: TableColumnsType<CompetitionRow> = [
    {
      key: 'rank',
      title: t('cockpit.competition.col.rank'),
      width: 90,
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid={`competition-rank-${r.participantId}`}>
          {formatNumber(r.rank, lang)}
          {r.tied && <TiedTag />}
        </span>
      ),
    },
    {
      key: 'name',
      title: t('cockpit.competition.col.name'),
      render: (_: unknown, r) => (
        <Space size={6}>
          <span>{r.name}</span>
          {r.redFlag && <RedFlag />}
        </Space>
      ),
    },
    {
      key: 'total',
      title: t('cockpit.competition.col.total'),
      align: 'right',
      width: 90,
      render: (_: unknown, r) => (
        <Typography.Text strong data-testid={`competition-total-${r.participantId}`}>
          {formatNumber(r.total, lang, 2)}
        </Typography.Text>
      ),
    },
  ];
  const groups = resultsByTrack(competition.rows);
  return (
    <TileCard tile="competition" data={{ competition }} extra={<RunStatusTag status={competition.status} />}>
      <div style={{ marginBottom: 6, display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 8 }}>
        <Typography.Text strong data-testid="competition-scheme">
          {competition.schemeName}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="competition-period">
          {t('cockpit.competition.period', { period: periodLabel(competition.period, t) })}
        </Typography.Text>
        {competition.status === 'scoring' && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('cockpit.competition.provisional')}
          </Typography.Text>
        )}
      </div>
      {groups.map((g) => (
        <div key={g.track ?? ''} style={{ marginBottom: 8 }}>
          {groups.length > 1 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {g.track ?? t('cockpit.competition.all')}
            </Typography.Text>
          )}
          <Compact>
            <Table<CompetitionRow>
              rowKey="participantId"
              size="small"
              columns={columns}
              dataSource={g.rows}
              pagination={false}
              data-testid={`competition-ranking-${g.track ?? 'all'}`}
            />
          </Compact>
        </div>
      ))}
    </TileCard>
  );
}
