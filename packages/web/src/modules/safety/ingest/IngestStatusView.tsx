// The status of this instance's ingest path: rates and counters, the write queue, the listeners.
import { useTranslation } from 'react-i18next';
import { Badge, Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { topReasons, type IngestStatus } from './ingest-ui.ts';

export function IngestStatusView({ status }: { status: IngestStatus | undefined }) {
  const { t } = useTranslation();
  const c = status?.counters;
  const loading = !status;
  const figures = [
    { key: 'acceptedPerSecond', value: c ? formatNumber(c.acceptedPerSecond, 1) : '—', suffix: t('safetyIngest.status.perSecond') },
    { key: 'accepted', value: c ? formatNumber(c.accepted) : '—' },
    { key: 'duplicates', value: c ? formatNumber(c.duplicates) : '—' },
    { key: 'rejected', value: c ? formatNumber(c.rejected) : '—' },
    { key: 'queue', value: c ? formatNumber(c.queueDepth) : '—' },
  ] as const;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="ingest-status">
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col xs={12} md={8} xl={4} key={f.key}>
            <Card size="small">
              <Statistic title={t(`safetyIngest.status.${f.key}`)} value={f.value} suffix={'suffix' in f ? f.suffix : undefined} loading={loading} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('safetyIngest.status.lastFlush')}
              value={
                c?.lastFlushMs != null ? t('safetyIngest.status.lastFlushValue', { rows: c.lastFlushRows, ms: c.lastFlushMs }) : t('safetyIngest.status.never')
              }
              valueStyle={{ fontSize: 16 }}
              loading={loading}
            />
            {c && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('safetyIngest.status.batches', { count: c.batches })}
                {c.writeFailures > 0 && (
                  <Typography.Text type="danger" style={{ fontSize: 12, marginLeft: 8 }}>
                    {t('safetyIngest.status.writeFailures', { count: c.writeFailures })}
                  </Typography.Text>
                )}
              </Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      {status && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card
              size="small"
              title={t('safetyIngest.listeners.title')}
              extra={<Typography.Text type="secondary">{t('safetyIngest.instance', { id: status.instanceId })}</Typography.Text>}
            >
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('safetyIngest.listeners.mqtt')}>
                  <ListenerState live={status.listeners.mqtt.mode !== 'off' && status.listeners.mqtt.live} off={status.listeners.mqtt.mode === 'off'} />
                  <span style={{ marginLeft: 8 }}>{t(`safetyIngest.listeners.modes.${status.listeners.mqtt.mode}`)}</span>
                  {status.listeners.mqtt.port !== null && (
                    <Tag style={{ marginLeft: 8 }}>{t('safetyIngest.listeners.port', { port: status.listeners.mqtt.port })}</Tag>
                  )}
                  {status.listeners.mqtt.url && <Typography.Text code>{status.listeners.mqtt.url}</Typography.Text>}
                  {status.listeners.mqtt.mode === 'embedded' && <Tag>{t('safetyIngest.listeners.clients', { count: status.listeners.mqtt.clients })}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label={t('safetyIngest.listeners.hj212')}>
                  <ListenerState live={status.listeners.hj212.port !== null} off={status.listeners.hj212.port === null} />
                  {status.listeners.hj212.port !== null && (
                    <>
                      <Tag style={{ marginLeft: 8 }}>{t('safetyIngest.listeners.port', { port: status.listeners.hj212.port })}</Tag>
                      <Tag>{t('safetyIngest.listeners.clients', { count: status.listeners.hj212.connections })}</Tag>
                    </>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('safetyIngest.listeners.http')}>
                  <ListenerState live={status.listeners.http.enabled} off={!status.listeners.http.enabled} />
                  <Typography.Text code style={{ marginLeft: 8 }}>
                    {t('safetyIngest.listeners.httpPath')}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {!status.enabled
                  ? t('safetyIngest.disabled')
                  : status.startedAt
                    ? t('safetyIngest.since', { time: formatDateTime(status.startedAt) })
                    : t('safetyIngest.notStarted')}
                {' · '}
                {t('safetyIngest.listeners.directory', { devices: status.directory.devices, points: status.directory.points })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('safetyIngest.status.topReasons')}>
              {topReasons(status, 6).length === 0 ? (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              ) : (
                <Space wrap>
                  {topReasons(status, 6).map((r) => (
                    <Tag key={r.reason} color="orange">
                      {t(`safetyIngest.reasons.${r.reason}`)} · {formatNumber(r.count)}
                    </Tag>
                  ))}
                </Space>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}

function ListenerState({ live, off }: { live: boolean; off: boolean }) {
  const { t } = useTranslation();
  if (off) return <Badge status="default" text={t('safetyIngest.listeners.off')} />;
  return <Badge status={live ? 'success' : 'error'} text={live ? t('safetyIngest.listeners.live') : t('safetyIngest.listeners.down')} />;
}
