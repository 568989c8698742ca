// 招商引资: the pipeline as a funnel (the leads at each stage now, with the stage names of the promotion pages) and
// the signings of the current year: how many, the investment signed and the capital in place.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, Row } from 'antd';
import type { Cockpit } from '@zoneops/shared';
import { promotionFunnelOption } from '../../../charts/cockpit-promotion.ts';
import { formatWan, formatYi } from '../../project-views/views-ui.ts';
import { formatNumber, langOf } from '../cockpit-ui.ts';
import { Figure, Section, TileCard, TileChart } from './TileCard.tsx';

export function PromotionTile({ promotion }: { promotion: NonNullable<Cockpit['promotion']> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { signings } = promotion;
  const funnel = useMemo(
    () =>
      promotionFunnelOption(promotion.funnel, {
        yi: t('cockpit.yi'),
        wan: t('cockpit.wan'),
        stage: (s) => t(`promotion.stage.${s}`),
        count: t('cockpit.promotion.count'),
        investment: t('cockpit.promotion.investment'),
        noData: t('cockpit.promotion.noLeads'),
        number: (n) => formatNumber(n, langOf(i18n.language)),
      }),
    [promotion.funnel, t, i18n.language],
  );
  const wanTip = (s: string) => t('cockpit.wanTip', { amount: formatWan(s) });
  return (
    <TileCard tile="promotion">
      <Section title={t('cockpit.promotion.funnel')}>
        <TileChart option={funnel} height={200} testId="promotion-funnel" />
      </Section>
      <Section title={t('cockpit.promotion.signings', { year: signings.year })}>
        <Row gutter={[12, 8]}>
          <Col span={8}>
            <Figure
              label={t('cockpit.promotion.signed')}
              value={formatNumber(signings.count, lang)}
              unit={t('cockpit.promotion.signedUnit')}
              testId="promotion-signed"
            />
          </Col>
          <Col span={8}>
            <Figure
              label={t('cockpit.promotion.signedInvestment')}
              value={formatYi(signings.signedInvestment)}
              unit={t('cockpit.yi')}
              tip={wanTip(signings.signedInvestment)}
              testId="promotion-signed-investment"
              size={20}
            />
          </Col>
          <Col span={8}>
            <Figure
              label={t('cockpit.promotion.capitalInPlace')}
              value={formatYi(signings.capitalInPlace)}
              unit={t('cockpit.yi')}
              tip={wanTip(signings.capitalInPlace)}
              testId="promotion-capital"
              size={20}
            />
          </Col>
        </Row>
      </Section>
    </TileCard>
  );
}
