// One pass: its images (viewer with zoom), subject, checkpoint, device, times and the findings with their messages.
import { useTranslation } from 'react-i18next';
import { Alert, Descriptions, Drawer, Empty, Image, Space, Tag, Typography } from 'antd';
import type { GatePassDetail } from '@zoneops/shared';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { passImageUrl, passSubject, ResultTag } from './pass-columns.tsx';

export function PassDrawer({ passId, onClose }: { passId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data } = useApiGet<GatePassDetail>(passId ? `/api/park/passes/${passId}` : null);
  const pass = data && data.id === passId ? data : undefined;
  return (
    <Drawer open={!!passId} onClose={onClose} size={640} title={t('parkGate.detail.title')} destroyOnHidden>
      {pass && <PassDetailView pass={pass} />}
    </Drawer>
  );
}

export function PassDetailView({ pass }: { pass: GatePassDetail }) {
  const { t } = useTranslation();
  const dash = t('parkGate.unknown');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="pass-detail">
      {pass.imageCount ? (
        <Image.PreviewGroup>
          <Space wrap>
            {Array.from({ length: pass.imageCount }, (_, i) => (
              <Image key={i} width={180} src={passImageUrl(pass.id, i)} alt={`${passSubject(pass)} ${i + 1}`} />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parkGate.detail.noImages')} />
      )}
      {pass.imagesDropped > 0 && <Alert type="warning" showIcon title={t('parkGate.detail.dropped', { count: pass.imagesDropped })} />}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('parkGate.columns.subject')}>{passSubject(pass)}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.result')}>
          <ResultTag result={pass.result} t={t} />
        </Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.kind')}>{t(`parkGate.kinds.${pass.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.direction')}>{t(`parkGate.directions.${pass.direction}`)}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.checkpoint')}>{pass.checkpointName ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.detail.lane')}>{pass.laneCode ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.detail.device')}>{pass.deviceName ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.detail.source')}>{t(`parkGate.sources.${pass.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.deviceTime')}>{formatDateTime(pass.deviceTime)}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.receivedAt')}>{formatDateTime(pass.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.confidence')}>{pass.confidence === null ? dash : formatNumber(pass.confidence)}</Descriptions.Item>
        <Descriptions.Item label={t('parkGate.columns.appointment')}>{pass.appointmentCode ?? dash}</Descriptions.Item>
        {pass.kind === 'vehicle' && pass.vehicleCategory && (
          <Descriptions.Item label={t('parkGate.visits.category')}>{t(`parkGate.categories.${pass.vehicleCategory}`)}</Descriptions.Item>
        )}
        {pass.personCode && <Descriptions.Item label={t('parkGate.detail.personCode')}>{pass.personCode}</Descriptions.Item>}
        <Descriptions.Item label={t('parkGate.detail.eventType')}>{pass.eventType ?? dash}</Descriptions.Item>
      </Descriptions>
      {pass.findings.length ? (
        <div data-testid="pass-findings">
          <Typography.Title level={5}>{t('parkGate.columns.findings')}</Typography.Title>
          <Space orientation="vertical" size={4}>
            {pass.findings.map((f, i) => (
              <Space key={`${f.code}-${i}`}>
                <Tag color={f.code === 'lowConfidence' || f.code === 'unknownDevice' ? 'default' : 'orange'}>{t(`parkGate.findings.${f.code}`)}</Tag>
                <span>{f.message}</span>
              </Space>
            ))}
          </Space>
        </div>
      ) : (
        <Alert type="success" showIcon title={t('parkGate.detail.noFindings')} />
      )}
    </Space>
  );
}
