// One indicator of the dashboard as a card: period, the zone's value and growth, rank among the peers (ties stated),
// target status, threshold icon with its rules, share of the city, pull and increase. A click opens the indicator.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, BarChartOutlined, InfoCircleOutlined, StarFilled, WarningFilled } from '@ant-design/icons';
import { fixed, type Indicator, type IndicatorMeasures, type ThresholdStatus } from '@zoneops/shared';
import {
  formatGrowth,
  formatPercent,
  formatValue,
  formatValueUnit,
  growthTone,
  indicatorName,
  periodText,
  rankView,
  targetView,
  thresholdRules,
  toneColours,
  unitOf,
  type Lang,
} from './economy-ui.ts';

/** The threshold state as an icon (alert, excellent; a muted one otherwise) with the indicator's rules in a tooltip. */
export function ThresholdIcon({
  indicator,
  status,
}: {
  indicator: Pick<Indicator, 'alertLevel' | 'excellentLevel' | 'higherIsBetter'>;
  status: ThresholdStatus;
}) {
  const { t } = useTranslation();
  const rules = thresholdRules(indicator);
  const tip = (
    <div>
      <div>{t('economy.threshold.status', { status: t(`economy.threshold.${status}`) })}</div>
      {rules.length ? (
        rules.map((r) => (
          <div key={r.kind}>
            {t(r.kind === 'alert' ? 'economy.threshold.ruleAlert' : 'economy.threshold.ruleExcellent', {
              rule: t(`economy.threshold.${r.side}`, { level: r.level }),
            })}
          </div>
        ))
      ) : (
        <div>{t('economy.threshold.noRules')}</div>
      )}
    </div>
  );
  const icon =
    status === 'alert' ? (
      <WarningFilled style={{ color: '#cf1322' }} />
    ) : status === 'excellent' ? (
      <StarFilled style={{ color: '#d48806' }} />
    ) : (
      <InfoCircleOutlined style={{ color: '#bfbfbf' }} />
    );
  return (
    <Tooltip title={tip}>
      <span role="img" aria-label={t(`economy.threshold.${status}`)} data-testid={`economy-threshold-${status}`} onClick={(e) => e.stopPropagation()}>
        {icon}
      </span>
    </Tooltip>
  );
}

/** A growth with an arrow, coloured good (green) or bad (red) by the indicator's direction. */
export function Growth({ growth, higherIsBetter, strong = false }: { growth: number | null; higherIsBetter: boolean; strong?: boolean }) {
  const { direction, tone } = growthTone(growth, higherIsBetter);
  const arrow = direction === 'up' ? <ArrowUpOutlined /> : direction === 'down' ? <ArrowDownOutlined /> : null;
  return (
    <span style={{ color: toneColours[tone], fontWeight: strong ? 600 : undefined, whiteSpace: 'nowrap' }} data-testid="economy-growth">
      {arrow} {formatGrowth(growth)}
    </span>
  );
}

/** 第1/9 (并列), as a tag coloured for the first two places. */
export function RankTag({ rank }: { rank: IndicatorMeasures['rank'] }) {
  const { t } = useTranslation();
  const r = rankView(rank);
  if (!r) return <Typography.Text type="secondary">{t('economy.card.noRank')}</Typography.Text>;
  const colour = r.rank === 1 ? 'red' : r.rank === 2 ? 'orange' : undefined;
  return (
    <Tag color={colour} style={{ marginInlineEnd: 0 }} data-testid="economy-rank">
      {`${t('economy.card.rank', { rank: r.rank, of: r.of })}${r.tied ? ` ${t('economy.card.tied')}` : ''}`}
    </Tag>
  );
}

/** The target state in one line: completion and 序时进度, or points above or below the target growth. */
export function TargetLine({ target }: { target: IndicatorMeasures['target'] }) {
  const { t } = useTranslation();
  const v = targetView(target);
  if (!v) return <Typography.Text type="secondary">{t('economy.target.none')}</Typography.Text>;
  const colour = v.met ? toneColours.good : toneColours.bad;
  let text: string;
  if (v.kind === 'value') {
    const parts = [t('economy.target.completion', { percent: v.completion })];
    if (v.timeProgress !== null) parts.push(t('economy.target.timeProgress', { percent: v.timeProgress }));
    if (v.ahead === 'above') parts.push(t('economy.target.aheadAbove', { points: v.points }));
    else if (v.ahead === 'below') parts.push(t('economy.target.aheadBelow', { points: v.points }));
    else if (v.ahead === 'equal') parts.push(t('economy.target.aheadEqual'));
    text = parts.join(t('economy.target.separator'));
  } else {
    const gap =
      v.gap === 'above'
        ? t('economy.target.growthAbove', { points: v.points })
        : v.gap === 'below'
          ? t('economy.target.growthBelow', { points: v.points })
          : t('economy.target.growthEqual');
    text = t('economy.target.growthLine', { gap, target: t('economy.target.growthTarget', { percent: v.target }) });
  }
  return (
    <Tooltip title={v.met ? t('economy.target.met') : t('economy.target.notMet')}>
      <span style={{ color: colour }} data-testid="economy-target">
        {text}
      </span>
    </Tooltip>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between', alignItems: 'baseline', fontSize: 13, lineHeight: '22px' }}>
      <Typography.Text type="secondary" style={{ flex: 'none' }}>
        {label}
      </Typography.Text>
      <span style={{ textAlign: 'right' }}>{children}</span>
    </div>
  );
}

export function KpiCard({ m, lang, selected = false, onAnalyse }: { m: IndicatorMeasures; lang: Lang; selected?: boolean; onAnalyse?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const i = m.indicator;
  const unit = unitOf(i, lang);
  const zone = m.zone;
  const cityGrowth = m.city?.growth ?? null;
  const open = () => void navigate(`/economy/indicators/${i.id}`);
  return (
    <Card
      size="small"
      hoverable
      onClick={open}
      role="link"
      tabIndex={0}
      aria-label={`${indicatorName(i, lang)} · ${t('economy.card.open')}`}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) open();
      }}
      style={{ height: '100%', borderColor: selected ? '#1b4d89' : undefined, boxShadow: selected ? '0 0 0 1px #1b4d89' : undefined }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 4 } }}
      data-testid={`economy-kpi-${i.code}`}
    >
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 6 }}>
        <Typography.Text strong style={{ flex: 1, fontSize: 15 }} title={t('economy.card.open')}>
          {indicatorName(i, lang)}
        </Typography.Text>
        {i.leading && (
          <Tag color="purple" style={{ marginInlineEnd: 0 }}>
            {t('economy.group.leading')}
          </Tag>
        )}
        <ThresholdIcon indicator={i} status={m.threshold} />
        {onAnalyse && (
          <Tooltip title={t('economy.card.analyse')}>
            <Button
              type="text"
              size="small"
              icon={<BarChartOutlined />}
              aria-label={t('economy.card.analyse')}
              onClick={(e) => {
                e.stopPropagation();
                onAnalyse();
              }}
              data-testid={`economy-analyse-${i.code}`}
            />
          </Tooltip>
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {periodText(m.period, i, lang)}
      </Typography.Text>
      {zone ? (
        <>
          <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, flexWrap: 'wrap' }}>
            <span style={{ fontSize: 24, fontWeight: 600, lineHeight: '32px' }} data-testid="economy-value">
              {formatValue(zone.value)}
              <span style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 4 }}>{zone.value !== null ? unit : ''}</span>
            </span>
            <span style={{ fontSize: 18 }}>
              <Growth growth={zone.growth} higherIsBetter={i.higherIsBetter} strong />
            </span>
          </div>
          {(zone.monthGrowth !== null || cityGrowth !== null) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                zone.monthGrowth !== null ? t('economy.card.monthGrowth', { growth: formatGrowth(zone.monthGrowth) }) : null,
                cityGrowth !== null ? t('economy.card.cityGrowth', { growth: formatGrowth(cityGrowth) }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          )}
        </>
      ) : (
        <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
          {t('economy.card.noFigure')}
        </Typography.Text>
      )}
      <Line label={t('economy.card.rankTitle')}>
        <RankTag rank={m.rank} />
      </Line>
      <Line label={t('economy.target.title')}>
        <TargetLine target={m.target} />
      </Line>
      {m.share !== null && (
        <Line label={t('economy.card.share')}>
          <span data-testid="economy-share">{formatPercent(m.share)}</span>
        </Line>
      )}
      {m.pull !== null && (
        // a negative pull is said as 拉低 with its size, as the bulletin says it
        <Line label={t(m.pull < 0 ? 'economy.card.pullDown' : 'economy.card.pull')}>
          <span data-testid="economy-pull">{t('economy.points', { points: fixed(Math.abs(m.pull), 2) })}</span>
        </Line>
      )}
      {m.increase && (
        <Line label={t('economy.card.increase')}>
          <Space size={4}>
            {m.increase.approximate && (
              <Tooltip title={t('economy.card.approximate')}>
                <span data-testid="economy-approximate">≈</span>
              </Tooltip>
            )}
            <span data-testid="economy-increase">{formatValueUnit(m.increase.increase, unit, lang)}</span>
          </Space>
        </Line>
      )}
    </Card>
  );
}
