// A hazard source in a drawer (GET /api/safety/major-hazards/:id): its particulars, installations, the three
// responsible persons (masked as the server answers them), the state of the devices carrying its points, and the points.
import { useTranslation } from 'react-i18next';
import { Badge, Descriptions, Drawer, Empty, Flex, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { deviceStatuses, responsibleRoles } from '@zoneops/shared';
import { useApiGet } from '../../../app/use-api.ts';
import { deviceLabel, levelColours, rangeText, statusBadges, thresholdText } from './registry-ui.ts';
import type { MajorHazardDetail, MonitoringPoint } from './registry-types.ts';

export function MajorHazardView({ source }: { source: MajorHazardDetail }) {
  const { t } = useTranslation();
  const c = (k: string) => t(`safetyRegistry.sources.col.${k}`);
  const p = (k: string) => t(`safetyRegistry.points.col.${k}`);
  return (
    <div data-testid="source-detail">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={c('code')}>{source.code}</Descriptions.Item>
        <Descriptions.Item label={c('level')}>
          <Tag color={levelColours[source.level]}>{t(`safetyRegistry.levels.${source.level}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={c('enterprise')} span={2}>
          {source.enterpriseName}
        </Descriptions.Item>
        <Descriptions.Item label={c('assessedOn')}>{source.assessedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={c('assessmentDueOn')}>
          {source.assessmentDueOn ?? '—'} {source.assessmentOverdue && <Tag color="red">{t('safetyRegistry.sources.overdue')}</Tag>}
        </Descriptions.Item>
        {responsibleRoles.map((role) => (
          <Descriptions.Item key={role} label={t(`safetyRegistry.roles.${role}`)}>
            <span data-testid={`source-detail-${role}`}>
              {source.responsible[role].name} {source.responsible[role].phone}
            </span>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={c('location')}>{source.lng !== null && source.lat !== null ? `${source.lng}, ${source.lat}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={c('installations')} span={2}>
          {source.installations.length
            ? source.installations.map((i, n) => (
                <div key={n}>
                  {i.name}
                  {i.kind && <Tag style={{ marginLeft: 6 }}>{t(`safetyRegistry.installationKinds.${i.kind}`)}</Tag>}
                  {i.capacity && <Typography.Text type="secondary"> {i.capacity}</Typography.Text>}
                </div>
              ))
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('safetyRegistry.sources.deviceStates')}
      </Typography.Title>
      <Flex gap={24} wrap data-testid="source-device-counts">
        {deviceStatuses.map((s) => (
          <Statistic key={s} title={<Badge status={statusBadges[s]} text={t(`safetyRegistry.statuses.${s}`)} />} value={source.deviceCounts[s]} />
        ))}
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('safetyRegistry.sources.pointList')} ({source.points})
      </Typography.Title>
      {source.pointList.length < source.points && (
        <Typography.Text type="secondary">{t('safetyRegistry.sources.morePoints', { count: source.pointList.length })}</Typography.Text>
      )}
      <Table<MonitoringPoint>
        rowKey="id"
        size="small"
        dataSource={source.pointList}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('safetyRegistry.sources.noPoints')} /> }}
        columns={[
          { title: p('tag'), dataIndex: 'tag', width: 110 },
          { title: p('name'), dataIndex: 'name', ellipsis: true },
          { title: p('kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`safetyRegistry.pointKinds.${k}`) },
          { title: p('device'), key: 'device', width: 140, render: (_: unknown, r) => deviceLabel({ name: r.deviceName, gatewayName: r.gatewayName }) },
          { title: p('range'), key: 'range', width: 120, render: (_: unknown, r) => rangeText(r) },
          { title: p('thresholds'), key: 'thresholds', render: (_: unknown, r) => thresholdText(r) },
        ]}
        data-testid="source-detail-points"
      />
    </div>
  );
}

export function MajorHazardDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data } = useApiGet<MajorHazardDetail>(id ? `/api/safety/major-hazards/${id}` : null);
  const source = data && data.id === id ? data : undefined;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={source ? `${source.code} ${source.name}` : t('safetyRegistry.sources.detail')}
      destroyOnHidden
    >
      {source ? <MajorHazardView source={source} /> : <Spin />}
    </Drawer>
  );
}
