// 安全监测: the open alarms per level in the alarm levels' colours (the title opens the alarm list); 封闭化管理: the
// vehicles in the park by category and the people in the park now.
import { useTranslation } from 'react-i18next';
import { Col, Row, Typography } from 'antd';
import type { Cockpit } from '@zoneops/shared';
import { formatDateTime } from '../../../app/format.ts';
import { alarmLevelColours, alarmLevelOrder, formatNumber, langOf, vehiclesByCategory } from '../cockpit-ui.ts';
import { Figure, Section, TileCard } from './TileCard.tsx';

export function SafetyTile({ safety }: { safety: NonNullable<Cockpit['safety']> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const total = alarmLevelOrder.reduce((n, l) => n + safety.openAlarms[l], 0);
  return (
    <TileCard tile="safety" extra={<Typography.Text type="secondary">{t('cockpit.safety.total', { n: formatNumber(total, lang) })}</Typography.Text>}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cockpit.safety.openAlarms')}
      </Typography.Text>
      <Row gutter={[8, 8]} style={{ marginTop: 6 }}>
        {alarmLevelOrder.map((l) => (
          <Col key={l} span={12}>
            <div style={{ borderInlineStart: `4px solid ${alarmLevelColours[l]}`, paddingInlineStart: 8, background: '#fafafa', borderRadius: 4 }}>
              <Figure
                label={t(`cockpit.safety.level.${l}`)}
                value={formatNumber(safety.openAlarms[l], lang)}
                colour={safety.openAlarms[l] > 0 ? alarmLevelColours[l] : '#bfbfbf'}
                testId={`safety-${l}`}
              />
            </div>
          </Col>
        ))}
      </Row>
    </TileCard>
  );
}

export function ParkTile({ park }: { park: NonNullable<Cockpit['park']> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <TileCard tile="park">
      <Row gutter={12}>
        <Col span={12}>
          <Figure label={t('cockpit.park.vehicles')} value={formatNumber(park.vehicles, lang)} testId="park-vehicles" />
        </Col>
        <Col span={12}>
          <Figure label={t('cockpit.park.people')} value={formatNumber(park.people, lang)} testId="park-people" />
        </Col>
      </Row>
      <Section title={t('cockpit.park.byCategory')}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))', columnGap: 12 }}>
          {vehiclesByCategory(park.vehiclesByCategory).map((c) => (
            <div key={c.category} style={{ display: 'flex', justifyContent: 'space-between', gap: 6, lineHeight: '24px', borderBottom: '1px dashed #f0f0f0' }}>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                {t(`parkGate.categories.${c.category}`)}
              </Typography.Text>
              <Typography.Text strong={c.count > 0} type={c.count > 0 ? undefined : 'secondary'} data-testid={`park-category-${c.category}`}>
                {formatNumber(c.count, lang)}
              </Typography.Text>
            </div>
          ))}
        </div>
      </Section>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 6 }}>
        {t('cockpit.park.at', { at: formatDateTime(park.at, false) })}
      </Typography.Text>
    </TileCard>
  );
}
