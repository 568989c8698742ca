// 企业服务门户 (enterprise users): the enterprise, its paired cadres (name, unit, phone, role), its requests counted
// (open, awaiting rating, closed), "提交诉求", its requests, and its key projects as links.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Col, Empty, Flex, Result, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Light } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { lightColours } from '../ledger/ledger-ui.ts';
import { lateRow, requestColumns } from '../service/request-columns.tsx';
import { RequestFormModal } from '../service/RequestFormModal.tsx';
import { portalRequestPath } from '../service/service-ui.ts';
import type { PortalHome, ServiceRequest } from '../service/service-types.ts';

/** The head of the portal: the enterprise, its counts, its cadres and its key projects. */
export function PortalHomeView({ home, onFile }: { home: PortalHome; onFile?: () => void }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={14}>
        <Card
          title={<span data-testid="portal-enterprise">{home.enterprise.name}</span>}
          extra={
            onFile && (
              <Button type="primary" icon={<PlusOutlined />} onClick={onFile} data-testid="portal-file">
                {t('service.portal.file')}
              </Button>
            )
          }
          style={{ height: '100%' }}
        >
          <Row gutter={12} data-testid="portal-counts">
            <Col span={8}>
              <Statistic title={t('service.portal.open')} value={home.open} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('service.portal.awaitingRating')}
                value={home.awaitingRating}
                styles={{ content: home.awaitingRating ? { color: '#d48806' } : undefined }}
              />
            </Col>
            <Col span={8}>
              <Statistic title={t('service.portal.closed')} value={home.closed} />
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('service.portal.projects')}
          </Typography.Title>
          {home.projects.length === 0 ? (
            <Typography.Text type="secondary">{t('service.portal.noProjects')}</Typography.Text>
          ) : (
            <Space wrap data-testid="portal-projects">
              {home.projects.map((p) => (
                <Link key={p.id} to={`/projects/${p.id}`}>
                  <Tag color={lightColours[p.light as Light] ?? undefined}>{p.name}</Tag>
                </Link>
              ))}
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('service.portal.cadres')} style={{ height: '100%' }} data-testid="portal-cadres">
          {home.cadres.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.portal.noCadres')} />
          ) : (
            <Flex vertical gap={8}>
              {home.cadres.map((c) => (
                <Space key={c.userId} wrap>
                  <Typography.Text strong>{c.displayName}</Typography.Text>
                  <Tag color={c.role === 'primary' ? 'blue' : undefined}>{t(`service.role.${c.role}`)}</Tag>
                  <Typography.Text type="secondary">{c.unitName}</Typography.Text>
                  {c.phone && <Typography.Text copyable>{c.phone}</Typography.Text>}
                </Space>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function PortalRequests({ filing, onFiled, onClose }: { filing: boolean; onFiled: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const table = useServerTable<ServiceRequest>('/api/portal/requests', { sort: '-filedAt' });
  return (
    <Card
      title={t('service.portal.requests')}
      extra={<Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />}
      data-testid="portal-requests"
    >
      <Table<ServiceRequest>
        rowKey="id"
        columns={requestColumns(t, { sortOrder: table.sortOrder, link: portalRequestPath, portal: true })}
        {...table.tableProps}
        size="small"
        onRow={lateRow}
      />
      <RequestFormModal
        open={filing}
        path="/api/portal/requests"
        onClose={onClose}
        onFiled={(r) => {
          onFiled();
          void message.success(t('service.portal.filed', { code: r.code }));
          void navigate(portalRequestPath(r));
        }}
      />
    </Card>
  );
}

export default function PortalPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const linked = !!me?.enterpriseId;
  const { data } = useApiGet<PortalHome>(linked ? '/api/portal/home' : null);
  const [filing, setFiling] = useState(false);
  if (!linked) return <Result status="info" title={t('service.portal.title')} subTitle={t('service.portal.notEnterprise')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="portal-page">
      {data ? <PortalHomeView home={data} onFile={() => setFiling(true)} /> : <Card loading title={t('service.portal.title')} />}
      <PortalRequests filing={filing} onClose={() => setFiling(false)} onFiled={() => setFiling(false)} />
    </Space>
  );
}
