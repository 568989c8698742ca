// 企业服务: the year's on-time response, on-time completion and satisfaction as progress circles (a rate with
// nothing counted shows "—"), beside the requests filed and those still open.
import { useTranslation } from 'react-i18next';
import { Col, Progress, Row, Typography } from 'antd';
import type { Cockpit } from '@zoneops/shared';
import { formatNumber, langOf, rateCircle, type RateLike } from '../cockpit-ui.ts';
import { Figure, TileCard } from './TileCard.tsx';

const rates = ['onTimeResponse', 'onTimeCompletion', 'satisfaction'] as const;

function RateCircle({ name, rate }: { name: (typeof rates)[number]; rate: RateLike }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const c = rateCircle(rate, lang);
  return (
    <div style={{ textAlign: 'center' }}>
      <Progress
        type="circle"
        percent={c.percent}
        size={72}
        strokeColor={c.colour}
        format={() => (
          <span style={{ fontSize: 15, fontWeight: 600 }} data-testid={`service-${name}`}>
            {c.text}
          </span>
        )}
      />
      <div style={{ fontSize: 12, lineHeight: '18px', marginTop: 2, whiteSpace: 'nowrap' }}>{t(`cockpit.service.${name}`)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cockpit.service.counted', { done: formatNumber(rate.count, lang), of: formatNumber(rate.of, lang) })}
      </Typography.Text>
    </div>
  );
}

export function ServiceTile({ service }: { service: NonNullable<Cockpit['service']> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <TileCard tile="service" extra={<Typography.Text type="secondary">{t('cockpit.service.period', { from: service.from, to: service.to })}</Typography.Text>}>
      <Row gutter={4} align="middle" wrap={false}>
        {rates.map((k) => (
          <Col key={k} flex="1 1 0">
            <RateCircle name={k} rate={service[k]} />
          </Col>
        ))}
        <Col flex="1 1 0">
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8, paddingInlineStart: 8 }}>
            <Figure label={t('cockpit.service.requests')} value={formatNumber(service.requests, lang)} testId="service-requests" size={20} />
            <Figure label={t('cockpit.service.open')} value={formatNumber(service.open, lang)} testId="service-open-requests" size={20} />
          </div>
        </Col>
      </Row>
    </TileCard>
  );
}
