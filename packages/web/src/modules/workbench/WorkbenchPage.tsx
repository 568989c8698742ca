// Workbench: my to-dos and overdue items, unread notifications, counts, enterprises by industry, zone map.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, BellOutlined, TeamOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth.tsx';
import type { Workbench } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { ItemListCard } from './ItemListCard.tsx';

// ECharts and Leaflet load only when the workbench shows them.
const IndustryChart = lazy(() => import('./IndustryChart.tsx'));
const ZoneMap = lazy(() => import('./ZoneMap.tsx'));

export default function WorkbenchPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, loading } = useApiGet<Workbench>('/api/workbench');

  const counts = [
    { key: 'units', icon: <ApartmentOutlined />, value: data?.counts.units, link: '/system/units' },
    { key: 'users', icon: <TeamOutlined />, value: data?.counts.users, link: '/system/users' },
    { key: 'enterprises', icon: <BankOutlined />, value: data?.counts.enterprises, link: '/system/enterprises' },
    { key: 'notifications', icon: <BellOutlined />, value: data?.unreadNotifications, link: '/notifications' },
  ];

  return (
    <div data-testid="workbench">
      <Row gutter={[16, 16]}>
        {counts.map((c) => (
          <Col xs={12} lg={6} key={c.key}>
            <Card size="small">
              <Link to={c.link}>
                <Statistic title={t(`workbench.${c.key}`)} value={c.value ?? '—'} prefix={c.icon} loading={loading && !data} />
              </Link>
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={8}>
          <ItemListCard title={t('workbench.todos')} items={data?.todos ?? []} empty={t('workbench.noTodos')} testId="workbench-todos" />
        </Col>
        <Col xs={24} xl={8}>
          <ItemListCard title={t('workbench.overdue')} items={data?.overdue ?? []} empty={t('workbench.noOverdue')} testId="workbench-overdue" />
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('workbench.notifications')} size="small" extra={<Link to="/notifications">{t('header.viewAll')}</Link>}>
            {(data?.recentNotifications ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noNotifications')} />
            ) : (
              data?.recentNotifications.map((n) => (
                <div key={n.id} style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
                  <Typography.Text strong={!n.readAt} ellipsis style={{ display: 'block' }}>
                    {n.link?.startsWith('/') ? <Link to={n.link}>{n.title}</Link> : n.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt, false)}
                  </Typography.Text>
                </div>
              ))
            )}
          </Card>
        </Col>
        {can('enterprises.read') && (
          <Col xs={24} xl={10}>
            <Suspense fallback={<Skeleton active />}>
              <IndustryChart />
            </Suspense>
          </Col>
        )}
        <Col xs={24} xl={can('enterprises.read') ? 14 : 24}>
          <Suspense fallback={<Skeleton active />}>
            <ZoneMap />
          </Suspense>
        </Col>
      </Row>
    </div>
  );
}
