// One economic indicator (/economy/indicators/:id, GET /api/economy/indicators/:id/series): its catalogue entry, the
// annual targets, the trend (the zone's value and the growth of the zone, the city and the peers), and the history of
// the zone's and the city's figures by period, sortable and exported as CSV. ?years=5|10 widens the range.
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button, Card, Descriptions, Empty, Result, Segmented, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { fixed, type IndicatorSeries, type Target } from '@zoneops/shared';
import { isApiError } from '../../app/api.ts';
import { saveBlob } from '../../app/download.ts';
import { shanghaiToday } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import {
  compareNullable,
  formatGrowth,
  formatPercent,
  formatValue,
  formatValueUnit,
  historyCsvRows,
  historyRangeOf,
  historyRanges,
  historyRows,
  indicatorName,
  langOf,
  periodText,
  regionName,
  seriesFrom,
  sortedTargets,
  thresholdRules,
  toCsv,
  unitOf,
  type HistoryRange,
  type HistoryRow,
  type Lang,
} from './economy-ui.ts';
import { Growth } from './KpiCard.tsx';

const IndicatorTrendChart = lazy(() => import('./IndicatorTrendChart.tsx'));

/** Every field of the catalogue entry. */
export function IndicatorMeta({ series, lang }: { series: IndicatorSeries; lang: Lang }) {
  const { t } = useTranslation();
  const i = series.indicator;
  const none = t('economy.detail.none');
  const rules = thresholdRules(i);
  const rule = (kind: 'alert' | 'excellent') => {
    const r = rules.find((x) => x.kind === kind);
    return r ? t(`economy.threshold.${r.side}`, { level: r.level }) : none;
  };
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="economy-indicator-meta"
      items={[
        { key: 'code', label: t('economy.detail.code'), children: i.code },
        { key: 'nameZh', label: t('economy.detail.nameZh'), children: i.nameZh },
        { key: 'nameEn', label: t('economy.detail.nameEn'), children: i.nameEn },
        { key: 'unit', label: t('economy.detail.unit'), children: unitOf(i, lang) },
        { key: 'frequency', label: t('economy.detail.frequency'), children: t(`economy.frequency.${i.frequency}`) },
        { key: 'valueKind', label: t('economy.detail.valueKind'), children: t(`economy.valueKind.${i.valueKind}`) },
        { key: 'growthKind', label: t('economy.detail.growthKind'), children: t(`economy.growthKind.${i.growthKind}`) },
        { key: 'direction', label: t('economy.detail.direction'), children: t(i.higherIsBetter ? 'economy.direction.higher' : 'economy.direction.lower') },
        { key: 'rankBy', label: t('economy.detail.rankBy'), children: t(`economy.rankBy.${i.rankBy}`) },
        { key: 'additive', label: t('economy.detail.additive'), children: t(i.additive ? 'economy.detail.additiveYes' : 'economy.detail.additiveNo') },
        { key: 'alertLevel', label: t('economy.detail.alertLevel'), children: rule('alert') },
        { key: 'excellentLevel', label: t('economy.detail.excellentLevel'), children: rule('excellent') },
        { key: 'leading', label: t('economy.detail.leading'), children: t(i.leading ? 'economy.detail.yes' : 'economy.detail.no') },
        { key: 'leadUnit', label: t('economy.detail.leadUnit'), children: i.leadUnitName ?? none },
        { key: 'owner', label: t('economy.detail.owner'), children: i.ownerName ?? none },
        { key: 'source', label: t('economy.detail.source'), children: i.source || none },
        { key: 'status', label: t('economy.detail.status'), children: t(i.active ? 'economy.detail.active' : 'economy.detail.inactive') },
        {
          key: 'aliases',
          label: t('economy.detail.aliases'),
          children: i.aliases.length ? i.aliases.join(t('economy.panel.listSeparator')) : none,
          span: 'filled',
        },
        {
          key: 'notes',
          label: t('economy.detail.notes'),
          children: i.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{i.notes}</span> : none,
          span: 'filled',
        },
      ]}
    />
  );
}

export function TargetTable({ series, lang }: { series: IndicatorSeries; lang: Lang }) {
  const { t } = useTranslation();
  const unit = unitOf(series.indicator, lang);
  const columns: TableColumnsType<Target> = [
    { key: 'year', title: t('economy.detail.targetYear'), dataIndex: 'year', width: 90 },
    {
      key: 'kind',
      title: t('economy.detail.targetKind'),
      width: 120,
      render: (_: unknown, r) => t(r.kind === 'value' ? 'economy.detail.targetKindValue' : 'economy.detail.targetKindGrowth'),
    },
    {
      key: 'value',
      title: t('economy.detail.targetValue'),
      align: 'right',
      render: (_: unknown, r) => (r.kind === 'value' ? formatValueUnit(r.value, unit, lang) : t('economy.detail.targetGrowth', { percent: fixed(r.value, 1) })),
    },
    { key: 'setOn', title: t('economy.detail.setOn'), dataIndex: 'setOn', width: 120 },
    { key: 'note', title: t('economy.detail.targetNote'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
  ];
  return (
    <Table<Target>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={sortedTargets(series.targets)}
      pagination={false}
      locale={{ emptyText: t('economy.detail.noTargets') }}
      data-testid="economy-indicator-targets"
    />
  );
}

export function HistoryTable({ series, lang }: { series: IndicatorSeries; lang: Lang }) {
  const { t } = useTranslation();
  const i = series.indicator;
  const unit = unitOf(i, lang);
  const zone = series.regions.find((r) => r.kind === 'zone');
  const city = series.regions.find((r) => r.kind === 'city');
  const zoneName = zone ? regionName(zone, lang) : t('economy.detail.zone');
  const cityName = city ? regionName(city, lang) : t('economy.detail.city');
  const rows = useMemo(() => historyRows(series), [series]);
  const numeric = (key: keyof Omit<HistoryRow, 'period' | 'ordinal'>) => ({
    sorter: (a: HistoryRow, b: HistoryRow, order?: 'ascend' | 'descend' | null) => compareNullable(a[key], b[key], order === 'descend'),
    align: 'right' as const,
  });
  const header = [
    t('economy.detail.period'),
    t('economy.detail.value', { region: zoneName, unit }),
    t('economy.detail.growth', { region: zoneName }),
    t('economy.detail.value', { region: cityName, unit }),
    t('economy.detail.growth', { region: cityName }),
    t('economy.detail.share', { city: cityName }),
  ];
  const columns: TableColumnsType<HistoryRow> = [
    {
      key: 'period',
      title: header[0],
      render: (_: unknown, r) => periodText(r.period, i, lang),
      sorter: (a, b) => a.ordinal - b.ordinal,
      defaultSortOrder: 'descend',
    },
    { key: 'zoneValue', title: header[1], ...numeric('zoneValue'), render: (_: unknown, r) => formatValue(r.zoneValue) },
    {
      key: 'zoneGrowth',
      title: header[2],
      ...numeric('zoneGrowth'),
      render: (_: unknown, r) => <Growth growth={r.zoneGrowth} higherIsBetter={i.higherIsBetter} />,
    },
    { key: 'cityValue', title: header[3], ...numeric('cityValue'), render: (_: unknown, r) => formatValue(r.cityValue) },
    { key: 'cityGrowth', title: header[4], ...numeric('cityGrowth'), render: (_: unknown, r) => formatGrowth(r.cityGrowth) },
    { key: 'share', title: header[5], ...numeric('share'), render: (_: unknown, r) => formatPercent(r.share) },
  ];
  const exportCsv = () => {
    const csv = toCsv(
      header,
      historyCsvRows(rows, (p) => periodText(p, i, lang)),
    );
    const from = rows.at(-1)?.period ?? '';
    const to = rows[0]?.period ?? '';
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), t('economy.detail.fileName', { name: indicatorName(i, lang), from, to }));
  };
  return (
    <Card
      size="small"
      title={t('economy.detail.history')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length} data-testid="economy-history-export">
          {t('economy.detail.export')}
        </Button>
      }
    >
      <Table<HistoryRow>
        rowKey="period"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 24 ? { pageSize: 24, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('economy.detail.noHistory') }}
        data-testid="economy-history"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('economy.detail.approvedOnly')}
      </Typography.Text>
    </Card>
  );
}

export function IndicatorView({
  series,
  lang,
  range,
  onRange,
  loading = false,
}: {
  series: IndicatorSeries;
  lang: Lang;
  range: HistoryRange;
  onRange: (range: HistoryRange) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const i = series.indicator;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="economy-indicator">
      <Card
        title={
          <Space wrap>
            <Link to="/economy">
              <Button icon={<ArrowLeftOutlined />} aria-label={t('economy.detail.back')} />
            </Link>
            <span>{indicatorName(i, lang)}</span>
            <Tag>{t(`economy.frequency.${i.frequency}`)}</Tag>
            {i.leading && <Tag color="purple">{t('economy.group.leading')}</Tag>}
            {!i.active && <Tag>{t('economy.detail.inactive')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <Typography.Text type="secondary">{t('economy.detail.range')}</Typography.Text>
            <Segmented<HistoryRange>
              value={range}
              onChange={onRange}
              options={historyRanges.map((n) => ({ value: n, label: t('economy.detail.years', { count: n }) }))}
              data-testid="economy-indicator-range"
            />
          </Space>
        }
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('economy.detail.meta')}
        </Typography.Title>
        <IndicatorMeta series={series} lang={lang} />
        <Typography.Title level={5}>{t('economy.detail.targets')}</Typography.Title>
        <TargetTable series={series} lang={lang} />
      </Card>
      <Card size="small" title={t('economy.detail.trend')}>
        <Spin spinning={loading}>
          <Suspense fallback={<div style={{ height: 360 }} />}>
            {series.points.length ? (
              <IndicatorTrendChart series={series} lang={lang} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('economy.detail.noHistory')} />
            )}
          </Suspense>
        </Spin>
      </Card>
      <HistoryTable series={series} lang={lang} />
    </Space>
  );
}

export default function IndicatorDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const range = historyRangeOf(params);
  // the first answer's today is enough: a range's start moves once a year
  const [today] = useState(shanghaiToday);
  const { data, error, loading, reload } = useApiGet<IndicatorSeries>(id ? `/api/economy/indicators/${id}/series` : null, { from: seriesFrom(range, today) });
  const setRange = (r: HistoryRange) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (r === 3) n.delete('years');
        else n.set('years', String(r));
        return n;
      },
      { replace: true },
    );
  if (isApiError(error) && (error.status === 404 || error.code === 'VALIDATION_FAILED')) return <NotFound />;
  if (!data) {
    if (error)
      return (
        <Result
          status="error"
          title={t('result.loadFailed')}
          extra={
            <Button type="primary" onClick={reload}>
              {t('result.retry')}
            </Button>
          }
        />
      );
    return <PageLoading />;
  }
  return <IndicatorView series={data} lang={lang} range={range} onRange={setRange} loading={loading} />;
}
