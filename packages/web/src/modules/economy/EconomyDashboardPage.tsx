// The economic performance dashboard (GET /api/economy/dashboard?month): the month (default: the latest with approved
// figures; ?month= in the URL), the overview (indicators ranked first and second, below target, in alert), a card
// per indicator (main ones, then the leading ones), and the analysis of one indicator (?indicator=): ranking, share of
// the city, growth trend. Approved figures only.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { EconomyDashboard, IndicatorMeasures } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { groupIndicators, hasFigures, langOf, monthTitle, selectedIndicator, type Lang } from './economy-ui.ts';
import { KpiCard } from './KpiCard.tsx';
import { MonthPicker, useMonthParam } from './MonthPicker.tsx';

const DashboardPanel = lazy(() => import('./DashboardPanel.tsx'));

/** The overview line: how many indicators rank first and second, fall short of the target, are in alert. */
export function SummaryLine({ data, lang }: { data: EconomyDashboard; lang: Lang }) {
  const { t } = useTranslation();
  const s = data.summary;
  return (
    <div data-testid="economy-summary" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
      <Typography.Text strong>{t('economy.summary.title', { month: monthTitle(data.month, lang) })}</Typography.Text>
      <Tag>{t('economy.summary.indicators', { count: data.indicators.length })}</Tag>
      <Tag>{t('economy.summary.ranked', { count: s.ranked })}</Tag>
      <Tag color={s.first ? 'red' : undefined} data-testid="economy-summary-first">
        {t('economy.summary.first', { count: s.first })}
      </Tag>
      <Tag color={s.second ? 'orange' : undefined} data-testid="economy-summary-second">
        {t('economy.summary.second', { count: s.second })}
      </Tag>
      <Tag color={s.belowTarget ? 'gold' : undefined} data-testid="economy-summary-below-target">
        {t('economy.summary.belowTarget', { count: s.belowTarget })}
      </Tag>
      <Tag color={s.alert ? 'volcano' : undefined} data-testid="economy-summary-alert">
        {t('economy.summary.alert', { count: s.alert })}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('economy.summary.approvedOnly')}
      </Typography.Text>
    </div>
  );
}

/** The cards of one group (main or leading indicators). */
export function KpiGroup({
  title,
  items,
  lang,
  selectedId,
  onAnalyse,
  testId,
}: {
  title: string;
  items: IndicatorMeasures[];
  lang: Lang;
  selectedId: string | undefined;
  onAnalyse: (id: string) => void;
  testId: string;
}) {
  if (!items.length) return null;
  return (
    <div data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {items.map((m) => (
          <Col key={m.indicator.id} xs={24} sm={12} lg={8} xxl={6}>
            <KpiCard m={m} lang={lang} selected={m.indicator.id === selectedId} onAnalyse={() => onAnalyse(m.indicator.id)} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

function NoFigures({ data, onLatest }: { data: EconomyDashboard; onLatest: (month: string) => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const lang = langOf(i18n.language);
  const latest = data.latestMonth;
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Space orientation="vertical" size={4}>
          <span>{latest ? t('economy.empty.month', { month: monthTitle(data.month, lang) }) : t('economy.empty.title')}</span>
          <Typography.Text type="secondary">{t('economy.empty.hint')}</Typography.Text>
        </Space>
      }
      data-testid="economy-empty"
    >
      <Space>
        {latest && latest !== data.month && (
          <Button type="primary" onClick={() => onLatest(latest)}>
            {t('economy.empty.toLatest', { month: monthTitle(latest, lang) })}
          </Button>
        )}
        {can('economy.enter') && (
          <Link to="/economy/figures">
            <Button>{t('economy.empty.toFigures')}</Button>
          </Link>
        )}
      </Space>
    </Empty>
  );
}

export default function EconomyDashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [params, setParams] = useSearchParams();
  const [chosen, setMonth] = useMonthParam();
  const { data, loading, reload } = useApiGet<EconomyDashboard>('/api/economy/dashboard', { month: chosen });
  const month = chosen ?? data?.month;
  const selected = data ? selectedIndicator(data.indicators, params.get('indicator')) : undefined;
  const groups = groupIndicators(data?.indicators ?? []);
  const showFigures = !!data && hasFigures(data.indicators);

  const analyse = (id: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('indicator', id);
        return n;
      },
      { replace: true },
    );
  const pickMonth = (m: string) => setMonth(m, data?.latestMonth);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="economy-dashboard">
      <Card
        title={t('economy.title')}
        extra={
          <Space>
            <MonthPicker value={month} onChange={pickMonth} testId="economy-month" />
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('economy.refresh')} />
          </Space>
        }
      >
        <Spin spinning={loading}>
          {!data ? (
            <div style={{ minHeight: 160 }} />
          ) : !showFigures ? (
            <NoFigures data={data} onLatest={pickMonth} />
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <SummaryLine data={data} lang={lang} />
              <KpiGroup
                title={t('economy.group.main')}
                items={groups.main}
                lang={lang}
                selectedId={selected?.indicator.id}
                onAnalyse={analyse}
                testId="economy-main-indicators"
              />
              <KpiGroup
                title={t('economy.group.leading')}
                items={groups.leading}
                lang={lang}
                selectedId={selected?.indicator.id}
                onAnalyse={analyse}
                testId="economy-leading-indicators"
              />
            </Space>
          )}
        </Spin>
      </Card>
      {data && showFigures && selected && (
        <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
          <DashboardPanel data={data} selected={selected} lang={lang} onSelect={analyse} />
        </Suspense>
      )}
    </Space>
  );
}
