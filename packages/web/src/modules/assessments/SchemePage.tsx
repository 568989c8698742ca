// One scheme (/assessments/schemes/:id): what it is (periods, participants, tracks, red flag, appeal days, panel, the
// dimensions with their weights and methods) and its runs; a manager edits or deletes it and starts a period.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { metricCatalogue, type MetricKey } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDateTime, shanghaiToday } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { defaultPeriod, formatPoints, isEnglish, localName, periodLabel, periodOptions } from './assessment-ui.ts';
import { API, runPath, type AssessmentDimension, type AssessmentRun, type AssessmentScheme, type RunList, type RunListItem } from './assessment-types.ts';
import { CategoryTag, RunStatusTag } from './AssessmentTags.tsx';

/** How a dimension is scored, in words: the metric and its scoring for an automatic one. */
export function MethodText({ d }: { d: AssessmentDimension }) {
  const { t } = useTranslation();
  const method = t(`assessments.method.${d.method}`);
  if (d.method !== 'auto' || !d.metric) return <>{method}</>;
  const metric = d.metric in metricCatalogue ? t(`assessments.metric.${d.metric as MetricKey}`) : d.metric;
  const scoring = d.scoring ? t(`assessments.scoringKind.${d.scoring.kind}`) + (d.scoring.kind === 'deduct' ? ` ${d.scoring.perItem}` : '') : null;
  return <span>{[method, metric, scoring, t(`assessments.ifNoData.${d.ifNoData}`)].filter(Boolean).join(' · ')}</span>;
}

export function SchemeView({
  scheme,
  runs,
  canManage,
  onStart,
  onDelete,
}: {
  scheme: AssessmentScheme;
  runs: RunListItem[];
  canManage: boolean;
  onStart: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const dimColumns: TableColumnsType<AssessmentDimension> = [
    { title: t('assessments.form.dimCol.category'), key: 'category', width: 70, render: (_, d) => <CategoryTag category={d.category} /> },
    { title: t('assessments.form.dimCol.name'), key: 'name', render: (_, d) => localName(d, english) },
    { title: t('assessments.form.dimCol.weight'), key: 'weight', width: 100, align: 'right', render: (_, d) => formatPoints(d.weight) },
    { title: t('assessments.form.dimCol.method'), key: 'method', render: (_, d) => <MethodText d={d} /> },
  ];
  const runColumns: TableColumnsType<RunListItem> = [
    {
      title: t('assessments.scheme.runCol.period'),
      key: 'period',
      render: (_, r) => (
        <Link to={runPath(r.id)} data-testid={`run-link-${r.period}`}>
          {periodLabel(r.period, t)}
        </Link>
      ),
    },
    { title: t('assessments.scheme.runCol.status'), key: 'status', width: 110, render: (_, r) => <RunStatusTag status={r.status} /> },
    { title: t('assessments.scheme.runCol.publishedAt'), key: 'publishedAt', width: 170, render: (_, r) => formatDateTime(r.publishedAt, false) },
    { title: t('assessments.scheme.runCol.lockedAt'), key: 'lockedAt', width: 170, render: (_, r) => formatDateTime(r.lockedAt, false) },
  ];
  const tracks = scheme.tracks.length ? scheme.tracks.join(t('common.listSeparator')) : t('assessments.scheme.tracksNone');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="scheme-page">
      <Card
        title={
          <Space wrap>
            <span data-testid="scheme-title">{localName(scheme, english)}</span>
            {!scheme.active && <Tag>{t('assessments.list.inactive')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Link to="/assessments">
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
            {canManage && (
              <Link to={`/assessments/schemes/${scheme.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="scheme-edit">
                  {t('assessments.scheme.edit')}
                </Button>
              </Link>
            )}
            {canManage && (
              <Popconfirm title={t('assessments.scheme.deleteConfirm')} onConfirm={onDelete} okButtonProps={{ danger: true }}>
                <Button danger icon={<DeleteOutlined />} data-testid="scheme-delete">
                  {t('assessments.scheme.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="scheme-summary">
          <Descriptions.Item label={t('assessments.form.periodKind')}>{t(`assessments.periodKind.${scheme.periodKind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('assessments.form.participantKind')}>
            {t(`assessments.participantCount.${scheme.participantKind}`, { count: scheme.participants.length })}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessments.form.tracks')}>{tracks}</Descriptions.Item>
          <Descriptions.Item label={t('assessments.form.redFlagTopN')}>
            {scheme.redFlagTopN > 0 ? t('assessments.scheme.redFlagTopN', { count: scheme.redFlagTopN }) : t('assessments.scheme.redFlagNone')}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessments.form.appealWorkingDays')}>
            {t('assessments.scheme.appealDays', { count: scheme.appealWorkingDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessments.form.panel')}>
            {scheme.panel.length ? scheme.panel.map((m) => m.name).join(t('common.listSeparator')) : t('assessments.scheme.panelNone')}
          </Descriptions.Item>
          {scheme.description && (
            <Descriptions.Item label={t('assessments.form.description')} span="filled">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{scheme.description}</Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('assessments.form.dimensions')}>
        <Table<AssessmentDimension>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={scheme.dimensions}
          columns={dimColumns}
          data-testid="scheme-dimensions-table"
        />
      </Card>
      <Card size="small" title={t('assessments.form.participants')}>
        <Space wrap size={[6, 6]} data-testid="scheme-participants-list">
          {scheme.participants.map((p) => (
            <Tag key={p.id}>{p.track ? `${p.name} · ${p.track}` : p.name}</Tag>
          ))}
        </Space>
      </Card>
      <Card
        size="small"
        title={t('assessments.scheme.runs')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={onStart} data-testid="run-start">
              {t('assessments.scheme.startRun')}
            </Button>
          )
        }
      >
        <Table<RunListItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={runs}
          columns={runColumns}
          locale={{ emptyText: t('assessments.scheme.noRuns') }}
          data-testid="scheme-runs-table"
        />
      </Card>
    </Space>
  );
}

/** Starts a run of the scheme for a period (the last ended one by default); answers the new run. */
export function StartRunModal({
  open,
  scheme,
  taken,
  onClose,
  onDone,
}: {
  open: boolean;
  scheme: AssessmentScheme;
  taken: readonly string[];
  onClose: () => void;
  onDone: (run: AssessmentRun) => void;
}) {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const options = useMemo(() => periodOptions(scheme.periodKind, today, 8), [scheme.periodKind, today]);
  const initial = useMemo(() => {
    const preferred = defaultPeriod(scheme.periodKind, today);
    return { period: taken.includes(preferred) ? options.find((o) => !taken.includes(o.key))?.key : preferred };
  }, [scheme.periodKind, today, taken, options]);
  const { form, modalProps } = useModalForm<{ period?: string }>({
    open,
    initial,
    onSubmit: async (v) => onDone(await api.post<AssessmentRun>(`${API}/runs`, { schemeId: scheme.id, period: v.period })),
  });
  return (
    <Modal {...modalProps} title={t('assessments.scheme.startTitle')} onCancel={onClose} okButtonProps={{ 'data-testid': 'run-start-submit' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="period" label={t('assessments.scheme.period')} extra={t('assessments.scheme.periodHint')} rules={[{ required: true }]}>
          <Select
            options={options.map((o) => ({
              value: o.key,
              disabled: taken.includes(o.key),
              label: `${periodLabel(o.key, t)} · ${t('assessments.period.range', { start: o.start, end: o.end })}${o.ended ? '' : t('assessments.period.current')}`,
            }))}
            data-testid="run-start-period"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function SchemePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const report = useReportError();
  const [starting, setStarting] = useState(false);
  const { data, error, loading } = useApiGet<AssessmentScheme>(id ? `${API}/schemes/${id}` : null);
  const { data: runs } = useApiGet<RunList>(id ? `${API}/runs` : null, { schemeId: id });
  // the periods started already, stable between renders (the start dialog resets its form when they change)
  const items = useMemo(() => runs?.items.filter((r) => r.schemeId === id) ?? [], [runs, id]);
  const taken = useMemo(() => items.map((r) => r.period), [items]);
  if (!data) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  if (data.id !== id && loading) return <PageLoading />;
  const remove = async () => {
    try {
      await api.delete(`${API}/schemes/${data.id}`);
      void message.success(t('assessments.scheme.deleted'));
      void navigate('/assessments');
    } catch (err) {
      report(err);
    }
  };
  return (
    <>
      <SchemeView scheme={data} runs={items} canManage={can('assessment.manage')} onStart={() => setStarting(true)} onDelete={() => void remove()} />
      <StartRunModal
        open={starting}
        scheme={data}
        taken={taken}
        onClose={() => setStarting(false)}
        onDone={(run) => {
          setStarting(false);
          void message.success(t('assessments.scheme.started', { period: periodLabel(run.period, t) }));
          void navigate(runPath(run.id));
        }}
      />
    </>
  );
}
