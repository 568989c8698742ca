// The parts of a request's page, shared by the service detail and the portal: the head with the lifecycle steps and
// the deadlines (late in red), the content and contact (masked as the server gives them), the handling rounds, the
// refusals and the paired cadres.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Descriptions, Empty, Space, Steps, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../app/format.ts';
import { formatDueAt, requestStep, requestSteps, roundLateness } from './service-ui.ts';
import type { ServiceRequestDetail } from './service-types.ts';
import { LateTag, RatingTag, ResolvedText, StatusTag } from './ServiceTags.tsx';

type Round = ServiceRequestDetail['rounds'][number];
type Refusal = ServiceRequestDetail['refusals'][number];

/** A deadline with its mark: late in red, on time in green once met. */
function Due({ text, late, done, testId }: { text: string; late: boolean; done: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Space size={4} data-testid={testId} data-late={late ? 'true' : undefined}>
      <Typography.Text type={late ? 'danger' : undefined}>{text}</Typography.Text>
      {late ? <Tag color="red">{t('service.late')}</Tag> : done ? <Tag color="green">{t('service.onTime')}</Tag> : null}
    </Space>
  );
}

export function RequestSummary({ detail, now, extra }: { detail: ServiceRequestDetail; now: Date; extra?: ReactNode }) {
  const { t } = useTranslation();
  const late = roundLateness(detail, now);
  const step = requestStep(detail.status, !!detail.followedUpAt);
  return (
    <Card
      size="small"
      title={
        <Space wrap size={8}>
          <Typography.Text type="secondary">{detail.code}</Typography.Text>
          <span data-testid="request-title">{detail.title}</span>
          <StatusTag status={detail.status} />
          <LateTag late={detail.late} />
        </Space>
      }
      extra={extra}
      data-testid="request-summary"
    >
      <Steps
        size="small"
        current={step}
        status={detail.status === 'reopened' ? 'error' : undefined}
        items={requestSteps.map((s) => ({ title: t(`service.steps.${s}`) }))}
        style={{ marginBottom: 16 }}
        data-testid="request-steps"
        data-step={step}
      />
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('service.requests.col.enterprise')}>{detail.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t('service.requests.col.category')}>{t(`service.category.${detail.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('service.requests.col.kind')}>{t(`service.kind.${detail.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('service.requests.col.filedAt')}>
          {formatDateTime(detail.filedAt, false)}
          {' · '}
          {detail.filedByName
            ? t('service.detail.filedBy', { via: t(`service.filedVia.${detail.filedVia}`), name: detail.filedByName })
            : t(`service.filedVia.${detail.filedVia}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.requests.col.unit')}>{detail.unitName ?? t('service.detail.noRounds')}</Descriptions.Item>
        <Descriptions.Item label={t('service.requests.col.round')}>{detail.round}</Descriptions.Item>
        <Descriptions.Item label={t('service.detail.responseDue')}>
          <Due text={formatDueAt(detail.responseDueAt)} late={late.response} done={!!detail.respondedAt} testId="request-response-due" />
        </Descriptions.Item>
        <Descriptions.Item label={t('service.detail.completionDue')}>
          <Due text={detail.completionDueOn} late={late.completion} done={!!detail.completedOn} testId="request-completion-due" />
        </Descriptions.Item>
        <Descriptions.Item label={t('service.requests.col.rating')}>
          <Space size={4}>
            <ResolvedText resolved={detail.resolved} />
            <RatingTag rating={detail.rating} />
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function RequestContent({ detail }: { detail: ServiceRequestDetail }) {
  const { t } = useTranslation();
  const contact = [detail.contactName, detail.contactPhone].filter(Boolean).join(' · ');
  return (
    <Card size="small" title={t('service.detail.content')} data-testid="request-content">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{detail.content}</Typography.Paragraph>
      {contact && (
        <Typography.Text type="secondary" data-testid="request-contact">
          {t('service.detail.contact')}：{contact}
        </Typography.Text>
      )}
    </Card>
  );
}

export function RoundsTable({ detail, now }: { detail: ServiceRequestDetail; now: Date }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`service.detail.round.${k}`);
  return (
    <Card size="small" title={t('service.detail.rounds')} data-testid="request-rounds">
      <Table<Round>
        rowKey="round"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.rounds}
        locale={{ emptyText: t('service.detail.noRounds') }}
        columns={[
          { title: col('round'), dataIndex: 'round', width: 60 },
          { title: col('unit'), dataIndex: 'unitName', width: 140 },
          {
            title: col('responseDue'),
            key: 'response',
            width: 200,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Due text={formatDueAt(r.responseDueAt)} late={roundLateness(r, now).response} done={!!r.respondedAt} />
                {r.respondedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('service.detail.respondedAt')} {formatDateTime(r.respondedAt, false)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: col('completionDue'),
            key: 'completion',
            width: 170,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Due text={r.completionDueOn} late={roundLateness(r, now).completion} done={!!r.completedOn} />
                {r.completedOn && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('service.detail.completedOn')} {r.completedOn}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: col('answer'),
            dataIndex: 'answer',
            width: 320,
            render: (a: string | null, r) =>
              a ? (
                <Space orientation="vertical" size={0}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 4, expandable: true }}>
                    {a}
                  </Typography.Paragraph>
                  {r.answeredByName && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {col('answeredBy')}：{r.answeredByName}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: col('resolved'), dataIndex: 'resolved', width: 90, render: (v: boolean | null) => <ResolvedText resolved={v} /> },
          {
            title: col('rating'),
            key: 'rating',
            width: 160,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <RatingTag rating={r.rating} />
                {r.ratingComment && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.ratingComment}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function Refusals({ refusals }: { refusals: Refusal[] }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`service.detail.refusal.${k}`);
  return (
    <Card size="small" title={t('service.detail.refusals')} data-testid="request-refusals">
      <Table<Refusal>
        rowKey={(r) => `${r.round}-${r.at}`}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={refusals}
        columns={[
          { title: col('round'), dataIndex: 'round', width: 60 },
          { title: col('unit'), dataIndex: 'unitName', width: 140 },
          { title: col('reason'), dataIndex: 'reason' },
          { title: col('redirectedTo'), dataIndex: 'redirectedToUnitName', width: 140 },
          { title: col('at'), dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v, false) },
          { title: col('by'), dataIndex: 'byName', width: 100, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

export function PairedCadres({ cadres }: { cadres: ServiceRequestDetail['cadres'] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('service.detail.cadres')} data-testid="request-cadres">
      {cadres.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.detail.noCadres')} />
      ) : (
        <Space wrap>
          {cadres.map((c) => (
            <Tag key={c.userId} color={c.role === 'primary' ? 'blue' : undefined}>
              {c.displayName} · {t(`service.role.${c.role}`)}
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}
