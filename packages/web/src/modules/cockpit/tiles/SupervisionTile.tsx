// 督查督办: open items with their red (overdue) and yellow (due soon) counts, red items per responsible unit as bars,
// and the red items, most overdue first, each opening its ledger page.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Col, Row, Typography } from 'antd';
import type { Cockpit } from '@zoneops/shared';
import { overdueByUnitOption, overdueChartHeight, overdueUnits } from '../../../charts/cockpit-supervision.ts';
import { projectLightColours } from '../../project-views/views-ui.ts';
import { formatNumber, langOf, ledgerItemPath } from '../cockpit-ui.ts';
import { Figure, Section, TileCard, TileChart } from './TileCard.tsx';

export function SupervisionTile({ supervision }: { supervision: NonNullable<Cockpit['supervision']> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const num = (n: number) => formatNumber(n, lang);
  const units = overdueUnits(supervision.overdueByUnit);
  const bars = useMemo(
    () =>
      overdueByUnitOption(supervision.overdueByUnit, {
        red: t('cockpit.supervision.redLabel'),
        open: t('cockpit.supervision.openLabel'),
        noData: t('cockpit.supervision.noOverdue'),
        number: (n) => formatNumber(n, langOf(i18n.language)),
      }),
    [supervision.overdueByUnit, t, i18n.language],
  );
  return (
    <TileCard tile="supervision">
      <Row gutter={12}>
        <Col span={8}>
          <Figure label={t('cockpit.supervision.open')} value={num(supervision.open)} testId="supervision-open" />
        </Col>
        <Col span={8}>
          <Figure label={t('cockpit.supervision.red')} value={num(supervision.red)} colour={projectLightColours.red} testId="supervision-red" />
        </Col>
        <Col span={8}>
          <Figure label={t('cockpit.supervision.yellow')} value={num(supervision.yellow)} colour={projectLightColours.yellow} testId="supervision-yellow" />
        </Col>
      </Row>
      <Section title={t('cockpit.supervision.byUnit')}>
        <TileChart option={bars} height={overdueChartHeight(units.length)} testId="supervision-by-unit" />
      </Section>
      <Section title={t('cockpit.supervision.redItems')}>
        {supervision.redItems.length === 0 ? (
          <Typography.Text type="secondary">{t('cockpit.supervision.noRedItems')}</Typography.Text>
        ) : (
          <div style={{ maxHeight: 26 * 5, overflowY: 'auto' }} data-testid="supervision-red-items">
            {supervision.redItems.map((item) => (
              <div key={item.id} style={{ display: 'flex', alignItems: 'center', gap: 8, lineHeight: '26px' }} data-testid={`supervision-item-${item.id}`}>
                <Link
                  to={ledgerItemPath(item.ledgerKind, item.id)}
                  style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                  title={item.title}
                >
                  {item.title}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {item.unitName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {item.dueOn ? t('cockpit.supervision.due', { date: item.dueOn }) : t('cockpit.supervision.noDue')}
                </Typography.Text>
                <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'nowrap', minWidth: 72, textAlign: 'right' }}>
                  {t('cockpit.supervision.overdueDays', { days: num(item.overdueDays) })}
                </Typography.Text>
              </div>
            ))}
          </div>
        )}
      </Section>
    </TileCard>
  );
}
