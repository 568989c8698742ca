// The history of a lead (GET /api/promotion/leads/:id/events), newest first: registration, stage moves, transfers,
// closure, clocks done, assessments, activities and the key project it became. And its assessments with the result of
// every criterion (GET /api/promotion/leads/:id/assessments).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Card, Collapse, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { z } from 'zod';
import type { Assessment, leadEventSchema } from '@zoneops/shared';
import { formatDateTime } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { measureLabel } from '../leads/RejectionReport.tsx';
import { criterionValueText } from '../promotion-ui.ts';

export type LeadEvent = z.infer<typeof leadEventSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const shown = (v: string | null) => (v && !UUID.test(v) ? v : null);

const stageText = (t: TFunction, v: string | null) => (v ? t(`promotion.stage.${v}`, { defaultValue: v }) : '—');

/** The line of an event in the timeline; an unknown kind shows its code and values. */
export function eventText(t: TFunction, e: LeadEvent): string {
  switch (e.kind) {
    case 'registered':
      return t('promotion.event.registered');
    case 'stage':
      return t('promotion.event.stage', { from: stageText(t, e.fromValue), to: stageText(t, e.toValue) });
    case 'transfer': {
      const from = shown(e.fromValue);
      const to = shown(e.toValue);
      return from && to ? t('promotion.event.transferNamed', { from, to }) : t('promotion.event.transfer');
    }
    case 'outcome':
      return t('promotion.event.outcome', { outcome: t(`promotion.outcome.${e.toValue ?? 'active'}`, { defaultValue: e.toValue ?? '' }) });
    case 'clock':
      return t('promotion.event.clock', { clock: t(`promotion.clock.${e.fromValue ?? ''}`, { defaultValue: e.fromValue ?? '' }), date: e.toValue ?? '' });
    case 'assessment':
      return t('promotion.event.assessment', { decision: t(`promotion.decision.${e.toValue ?? 'pass'}`, { defaultValue: e.toValue ?? '' }) });
    case 'project':
      return t('promotion.event.project', { code: shown(e.toValue) ?? '' });
    case 'edit':
      return t('promotion.event.edit');
    case 'trip':
    case 'reception':
      // the activity's summary is the reason
      return t(`promotion.event.${e.kind}`);
    default:
      return [e.kind, e.fromValue, e.toValue].filter(Boolean).join(' · ');
  }
}

const eventColour = (e: LeadEvent) =>
  e.kind === 'outcome' || (e.kind === 'assessment' && e.toValue === 'reject') ? 'red' : e.kind === 'project' || e.kind === 'clock' ? 'green' : 'blue';

export function LeadTimeline({ events }: { events: LeadEvent[] }) {
  const { t } = useTranslation();
  const items = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('promotion.detail.noEvents')} />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      data-testid="lead-timeline"
      items={items.map((e) => ({
        key: e.id,
        color: eventColour(e),
        content: (
          <div data-testid={`lead-event-${e.kind}`}>
            <Typography.Text strong>{eventText(t, e)}</Typography.Text>
            {e.reason && (
              <div style={{ whiteSpace: 'pre-wrap' }}>
                {e.kind === 'trip' || e.kind === 'reception' ? e.reason : t('promotion.event.reason', { reason: e.reason })}
              </div>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {e.byName ?? t('promotion.event.system')} · {formatDateTime(e.at, false)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** Keyed by the page on every change of the lead, so that it loads again. */
export function LeadHistory({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const { data } = useApiGet<{ items: LeadEvent[] }>(`/api/promotion/leads/${leadId}/events`);
  return (
    <Card size="small" title={t('promotion.detail.history')} loading={!data} data-testid="lead-history">
      {data && <LeadTimeline events={data.items} />}
    </Card>
  );
}

type CriterionResult = Assessment['results'][number];

/** Each criterion with its computed value and whether it was met (or which figures it lacks). */
export function CriterionResults({ results, testId }: { results: CriterionResult[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const label = (m: string) => measureLabel(t, (k) => i18n.exists(k), m);
  const list = (keys: string[]) => keys.map((k) => t(`promotion.col.${k}`, { defaultValue: k })).join(t('common.listSeparator'));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="measure"
      dataSource={results}
      columns={[
        { title: t('promotion.criteria.measure'), key: 'm', render: (_, r) => label(r.measure) },
        { title: t('promotion.assess.value'), key: 'v', render: (_, r) => criterionValueText(t, r.measure, r.value) },
        {
          title: t('promotion.assess.result'),
          key: 'r',
          render: (_, r) =>
            r.pass === null ? (
              <Tag>{r.missing.length ? t('promotion.assess.missing', { list: list(r.missing) }) : t('promotion.assess.noValue')}</Tag>
            ) : (
              <Tag color={r.pass ? 'green' : 'red'} data-testid={`${testId}-${r.measure}`}>
                {t(r.pass ? 'promotion.assess.pass' : 'promotion.assess.fail')}
              </Tag>
            ),
        },
      ]}
      data-testid={testId}
    />
  );
}

export function AssessmentList({ items }: { items: Assessment[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('promotion.assess.none')} />;
  return (
    <Collapse
      size="small"
      defaultActiveKey={[items[0]!.id]}
      data-testid="lead-assessments"
      items={items.map((a) => ({
        key: a.id,
        label: (
          <Space wrap>
            <Tag color={a.decision === 'pass' ? 'green' : 'red'}>{t(`promotion.decision.${a.decision}`)}</Tag>
            {a.computedPass !== (a.decision === 'pass') && <Tag color="orange">{t('promotion.assess.overridden')}</Tag>}
            <span>{a.assessedByName}</span>
            <Typography.Text type="secondary">{formatDateTime(a.assessedAt, false)}</Typography.Text>
          </Space>
        ),
        children: (
          <>
            <CriterionResults results={a.results} testId={`assessment-${a.id}`} />
            <div style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{t('promotion.assess.reasonsText', { reasons: a.reasons })}</div>
          </>
        ),
      }))}
    />
  );
}

export function Assessments({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const { data } = useApiGet<{ items: Assessment[] }>(`/api/promotion/leads/${leadId}/assessments`);
  return (
    <Card size="small" title={t('promotion.detail.assessments')} loading={!data} data-testid="lead-assessment-card">
      {data && <AssessmentList items={data.items} />}
    </Card>
  );
}
