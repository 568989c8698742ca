// One request of the enterprise (portal): its steps and deadlines, the content, the answer of each handling round
// and, once answered, the rating 满意 / 基本满意 / 不满意 with a comment (dissatisfied sends it back to be handled again).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { requestRatings, type RequestRating } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { RequestContent, RequestSummary } from '../service/RequestSections.tsx';
import { RatingTag, ResolvedText } from '../service/ServiceTags.tsx';
import type { ServiceRequestDetail } from '../service/service-types.ts';

/** The answers of each handling round, the latest first. */
export function RoundAnswers({ detail }: { detail: ServiceRequestDetail }) {
  const { t } = useTranslation();
  const rounds = [...detail.rounds].reverse();
  return (
    <Card size="small" title={t('service.portal.answers')} data-testid="portal-answers">
      {rounds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.portal.noAnswer')} />
      ) : (
        <Timeline
          items={rounds.map((r) => ({
            key: r.round,
            color: r.answer ? (r.rating === 'dissatisfied' ? 'red' : 'green') : 'blue',
            content: (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Tag>
                    {t('service.detail.round.round')} {r.round}
                  </Tag>
                  <Typography.Text strong>{r.unitName}</Typography.Text>
                  {r.completedOn && (
                    <Typography.Text type="secondary">
                      {t('service.detail.completedOn')} {r.completedOn}
                    </Typography.Text>
                  )}
                  <ResolvedText resolved={r.resolved} />
                  <RatingTag rating={r.rating} />
                </Space>
                {r.answer ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.answer}</Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t('service.portal.noAnswer')}</Typography.Text>
                )}
                {r.ratingComment && (
                  <Typography.Text type="secondary">
                    {t('service.detail.round.comment')}：{r.ratingComment} {r.ratedAt ? `· ${formatDateTime(r.ratedAt, false)}` : ''}
                  </Typography.Text>
                )}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** 满意 / 基本满意 / 不满意 with a comment: POST /api/portal/requests/:id/rate. */
export function RatingPanel({ detail, onRated }: { detail: ServiceRequestDetail; onRated: (next: ServiceRequestDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [rating, setRating] = useState<RequestRating | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!rating) return;
    setBusy(true);
    try {
      const next = await api.post<ServiceRequestDetail>(`/api/portal/requests/${detail.id}/rate`, { rating, comment: comment.trim() || null });
      void message.success(t('service.portal.rated'));
      onRated(next);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('service.portal.rateTitle')} data-testid="portal-rating">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={rating}
          onChange={(e) => setRating(e.target.value as RequestRating)}
          options={requestRatings.map((r) => ({ value: r, label: t(`service.rating.${r}`) }))}
          data-testid="portal-rating-choice"
        />
        {rating === 'dissatisfied' && <Alert type="warning" showIcon title={t('service.portal.dissatisfiedHint')} data-testid="portal-dissatisfied-hint" />}
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('service.portal.rateComment')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={1000}
          data-testid="portal-rating-comment"
        />
        <Button type="primary" disabled={!rating} loading={busy} onClick={() => void submit()} data-testid="portal-rating-submit">
          {t('service.portal.submitRating')}
        </Button>
      </Space>
    </Card>
  );
}

export function PortalRequestView({ detail, now, onRated }: { detail: ServiceRequestDetail; now: Date; onRated: (next: ServiceRequestDetail) => void }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="portal-request">
      <RequestSummary
        detail={detail}
        now={now}
        extra={
          <Link to="/portal">
            <Button size="small" icon={<ArrowLeftOutlined />}>
              {t('service.portal.back')}
            </Button>
          </Link>
        }
      />
      {detail.can.rate && <RatingPanel detail={detail} onRated={onRated} />}
      <RoundAnswers detail={detail} />
      <RequestContent detail={detail} />
    </Space>
  );
}

export default function PortalRequestPage() {
  const { id } = useParams();
  const { data, error, loading, mutate } = useApiGet<ServiceRequestDetail>(id ? `/api/portal/requests/${id}` : null);
  if (!data) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  if (data.id !== id && loading) return <PageLoading />;
  return <PortalRequestView detail={data} now={new Date()} onRated={(next) => mutate(() => next)} />;
}
