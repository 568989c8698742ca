// A participant's breakdown: per dimension its weight, points and what it lost (red when it lost any), and under each
// the scores behind it: who gave or computed them and when, the comment, and the inputs (the ratio and the records
// it was computed from).
import { useTranslation } from 'react-i18next';
import { Descriptions, Drawer, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { formatPoints, isEnglish, localName } from '../assessment-ui.ts';
import { API, type AssessmentBreakdown, type AssessmentRun, type AssessmentScore } from '../assessment-types.ts';
import { CategoryTag, RedFlag } from '../AssessmentTags.tsx';

type DimRow = AssessmentBreakdown['dimensions'][number];
type InputRecord = NonNullable<AssessmentScore['inputs']>['records'][number];

/** `noData`: the metric had nothing to count (the dimension's rule for no data gave the points). */
function ScoreInputs({ inputs, noData }: { inputs: NonNullable<AssessmentScore['inputs']>; noData: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<InputRecord> = [
    {
      title: t('assessments.breakdown.recordKind'),
      key: 'kind',
      width: 100,
      render: (_, r) => <Tag>{t(`assessments.breakdown.kinds.${r.kind}`, { defaultValue: r.kind })}</Tag>,
    },
    { title: t('assessments.breakdown.recordLabel'), dataIndex: 'label' },
    { title: t('assessments.breakdown.figure'), key: 'figure', width: 140, align: 'right', render: (_, r) => r.figure ?? '—' },
  ];
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {noData ? (
        <Typography.Text type="secondary" data-testid="breakdown-no-data">
          {t('assessments.breakdown.inputs')}：{t('assessments.breakdown.noData')}
        </Typography.Text>
      ) : (
        (inputs.numerator !== null || inputs.denominator !== null) && (
          <Typography.Text type="secondary">
            {t('assessments.breakdown.inputs')}：
            {t('assessments.breakdown.ratio', { numerator: formatNumber(inputs.numerator), denominator: formatNumber(inputs.denominator) })}
          </Typography.Text>
        )
      )}
      {inputs.records.length > 0 && (
        <Table<InputRecord>
          rowKey={(r) => `${r.kind}-${r.id}`}
          size="small"
          pagination={false}
          dataSource={inputs.records}
          columns={columns}
          data-testid="breakdown-records"
        />
      )}
      {inputs.more > 0 && <Typography.Text type="secondary">{t('assessments.breakdown.more', { count: inputs.more })}</Typography.Text>}
    </Space>
  );
}

function Scores({ scores }: { scores: AssessmentScore[] }) {
  const { t } = useTranslation();
  if (!scores.length) return <Typography.Text type="secondary">{t('assessments.breakdown.noScores')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {scores.map((s) => (
        <div key={s.id} data-testid={`breakdown-score-${s.id}`}>
          <Space wrap size={8}>
            <Typography.Text strong>{s.scorerName ?? t('assessments.breakdown.system')}</Typography.Text>
            <span>
              {s.grade ? `${t(`assessments.grade.${s.grade}`)} · ` : ''}
              {formatPoints(s.points)}
            </span>
            <Typography.Text type="secondary">{formatDateTime(s.scoredAt, false)}</Typography.Text>
          </Space>
          {s.comment && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '2px 0 0' }}>{s.comment}</Typography.Paragraph>}
          {s.inputs && <ScoreInputs inputs={s.inputs} noData={s.value === null && !s.scorerId} />}
        </div>
      ))}
    </Space>
  );
}

export function BreakdownView({ breakdown, run }: { breakdown: AssessmentBreakdown; run: Pick<AssessmentRun, 'dimensions'> }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const dimOf = (id: string) => run.dimensions.find((d) => d.id === id);
  const columns: TableColumnsType<DimRow> = [
    {
      title: t('assessments.breakdown.dimension'),
      key: 'name',
      render: (_, r) => {
        const d = dimOf(r.dimensionId);
        return (
          <Space size={4}>
            {d && <CategoryTag category={d.category} />}
            {d ? localName(d, english) : r.name}
          </Space>
        );
      },
    },
    { title: t('assessments.breakdown.weight'), key: 'weight', width: 80, align: 'right', render: (_, r) => formatPoints(r.weight) },
    { title: t('assessments.breakdown.points'), key: 'points', width: 80, align: 'right', render: (_, r) => formatPoints(r.points) },
    {
      title: t('assessments.breakdown.lost'),
      key: 'lost',
      width: 80,
      align: 'right',
      render: (_, r) => (
        <Typography.Text type={r.lost > 0 ? 'danger' : undefined} data-testid={`lost-${r.dimensionId}`} data-lost={r.lost > 0 ? 'true' : undefined}>
          {formatPoints(r.lost)}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="breakdown">
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('assessments.breakdown.total')}>
          <Typography.Text strong data-testid="breakdown-total">
            {formatPoints(breakdown.total)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('assessments.breakdown.rank')}>{breakdown.rank ?? '—'}</Descriptions.Item>
        {breakdown.redFlag && (
          <Descriptions.Item>
            <RedFlag withText />
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table<DimRow>
        rowKey="dimensionId"
        size="small"
        pagination={false}
        dataSource={breakdown.dimensions}
        columns={columns}
        expandable={{
          defaultExpandAllRows: true,
          expandedRowRender: (r) => <Scores scores={r.scores} />,
        }}
        data-testid="breakdown-table"
      />
    </Space>
  );
}

export function BreakdownDrawer({ run, participantId, onClose }: { run: AssessmentRun; participantId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useApiGet<AssessmentBreakdown>(participantId ? `${API}/runs/${run.id}/participants/${participantId}/breakdown` : null);
  const name = run.participants.find((p) => p.id === participantId)?.name ?? data?.participant.name ?? '';
  const current = data && data.participant.id === participantId ? data : undefined;
  return (
    <Drawer
      open={!!participantId}
      onClose={onClose}
      size="large"
      title={t('assessments.breakdown.title', { name })}
      loading={loading && !current}
      destroyOnHidden
      data-testid="breakdown-drawer"
    >
      {current ? <BreakdownView breakdown={current} run={run} /> : error ? <Empty /> : null}
    </Drawer>
  );
}
