// One request (诉求): the lifecycle steps 登记 · 分派 · 办理 · 评价 · 回访, its deadlines with the late marks, content
// and contact, the handling rounds, refusals and paired cadres, the link to its ledger item, and the actions the
// server allows this user (`can`).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Col, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined, LinkOutlined, ReloadOutlined } from '@ant-design/icons';
import { isApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { RequestActionModal, requestActions, type RequestAction } from './RequestActions.tsx';
import { PairedCadres, Refusals, RequestContent, RequestSummary, RoundsTable } from './RequestSections.tsx';
import { ledgerItemPath } from './service-ui.ts';
import type { ServiceRequestDetail } from './service-types.ts';

/** The detail with its action bar; `onAction` opens an action's form. */
export function RequestView({
  detail,
  now,
  onAction,
  onReload,
}: {
  detail: ServiceRequestDetail;
  now: Date;
  onAction: (a: RequestAction) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const allowed = requestActions.filter((a) => detail.can[a]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="request-detail">
      <RequestSummary detail={detail} now={now} />
      <Card size="small" styles={{ body: { padding: '10px 12px' } }}>
        <Space wrap size={8} data-testid="request-actions">
          <Link to="/service/requests">
            <Button icon={<ArrowLeftOutlined />}>{t('service.detail.back')}</Button>
          </Link>
          <Button icon={<ReloadOutlined />} onClick={onReload} aria-label={t('common.refresh')} />
          {allowed.map((a) => (
            <Button key={a} type={a === 'refuse' ? 'default' : 'primary'} danger={a === 'refuse'} onClick={() => onAction(a)} data-testid={`action-${a}`}>
              {t(`service.actions.${a}`)}
            </Button>
          ))}
          {allowed.length === 0 && <Typography.Text type="secondary">{t('service.detail.nothingToDo')}</Typography.Text>}
          <Link to={ledgerItemPath(detail.itemId)} data-testid="request-ledger-link">
            <Button type="link" icon={<LinkOutlined />}>
              {t('service.detail.ledgerItem')}
            </Button>
          </Link>
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <RequestContent detail={detail} />
            <RoundsTable detail={detail} now={now} />
            {detail.refusals.length > 0 && <Refusals refusals={detail.refusals} />}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <PairedCadres cadres={detail.cadres} />
            {detail.followedUpAt && (
              <Card size="small" title={t('service.detail.followUp')} data-testid="request-follow-up">
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{detail.followUpNote}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {t('service.detail.followedUpAt')} {formatDateTime(detail.followedUpAt, false)}
                </Typography.Text>
              </Card>
            )}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

export default function RequestDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, loading, reload, mutate } = useApiGet<ServiceRequestDetail>(id ? `/api/service/requests/${id}` : null);
  const [action, setAction] = useState<RequestAction | null>(null);
  if (!data) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  if (data.id !== id && loading) return <PageLoading />;
  return (
    <>
      <RequestView detail={data} now={new Date()} onAction={setAction} onReload={reload} />
      <RequestActionModal
        detail={data}
        action={action}
        onClose={() => setAction(null)}
        onDone={(next, a) => {
          mutate(() => next);
          setAction(null);
          void message.success(t('service.actions.done', { action: t(`service.actions.${a}`) }));
        }}
      />
    </>
  );
}
