// A monitoring point in a drawer (GET /api/safety/points/:id/detail): where it belongs, its device, range and
// thresholds, the latest value, its open and recent alarms, and the trend (GET …/series) over 1 h – 30 d with the
// thresholds drawn and the values pushed over the socket appended while it is open.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Descriptions, Drawer, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { MarkLineComponent } from 'echarts/components';
import { EChart } from '../../../app/EChart.tsx';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { appendLive, safetyTrendOption } from '../../../charts/safety-trend.ts';
import { levelTagColours, seriesQuery, trendRanges, type TrendRange } from './safety-map-ui.ts';
import type { AlarmSummary, PointDetail, PointSeries } from './types.ts';

// the thresholds are mark lines; EChart.tsx registers the rest
echarts.use([MarkLineComponent]);

const num = (v: number | null | undefined, unit?: string) => (v === null || v === undefined ? '—' : `${formatNumber(v, 3)}${unit ? ` ${unit}` : ''}`);

function AlarmLine({ alarm }: { alarm: AlarmSummary }) {
  const { t } = useTranslation();
  const rule = alarm.rule === 'threshold' && alarm.band ? t(`safetyLive.band.${alarm.band}`) : t(`safetyLive.rule.${alarm.rule}`);
  return (
    <Space size={6} wrap data-testid="safety-point-alarm" data-alarm-id={alarm.id} data-level={alarm.level}>
      <Tag color={levelTagColours[alarm.level]} style={{ marginInlineEnd: 0 }}>
        {t(`safetyLive.levelShort.${alarm.level}`)}
      </Tag>
      <Typography.Text>{rule}</Typography.Text>
      {alarm.value !== null && <Typography.Text type="secondary">{t('safetyLive.list.value', { value: num(alarm.value, alarm.unit ?? '') })}</Typography.Text>}
      <Typography.Text type="secondary">{formatDateTime(alarm.raisedAt, false)}</Typography.Text>
      <Tag>{t(`safetyLive.status.${alarm.status}`)}</Tag>
      {alarm.clearedAt && <Tag color="green">{t('safetyLive.list.cleared')}</Tag>}
    </Space>
  );
}

/** The point's facts and alarms (the drawer's upper part). */
export function PointFacts({ detail, live }: { detail: PointDetail; live: { ts: number; value: number } | null }) {
  const { t } = useTranslation();
  const p = detail.point;
  const latest =
    live && (!detail.latest || live.ts > Date.parse(detail.latest.ts)) ? { ts: new Date(live.ts).toISOString(), value: live.value } : detail.latest;
  const thresholds = (['hh', 'h', 'l', 'll'] as const).filter((b) => p.thresholds[b] !== null);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space size={8} wrap>
        <Tag color={levelTagColours[detail.level ?? 'none']} data-testid="safety-point-level" data-level={detail.level ?? 'none'}>
          {t(`safetyLive.level.${detail.level ?? 'none'}`)}
        </Tag>
        <Typography.Text strong style={{ fontSize: 20 }} data-testid="safety-point-latest">
          {latest ? num(latest.value, p.unit) : t('safetyLive.point.noValue')}
        </Typography.Text>
        {latest && <Typography.Text type="secondary">{formatDateTime(latest.ts)}</Typography.Text>}
      </Space>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('safetyLive.point.tag')}>{`${p.tag} · ${t(`safetyLive.kind.${p.kind}`)}`}</Descriptions.Item>
        <Descriptions.Item label={t('safetyLive.point.enterprise')}>{detail.enterprise.name}</Descriptions.Item>
        {detail.majorHazard && (
          <Descriptions.Item label={t('safetyLive.point.majorHazard')}>
            {t('safetyLive.point.majorHazardLevel', { name: `${detail.majorHazard.code} ${detail.majorHazard.name}`, level: detail.majorHazard.level })}
          </Descriptions.Item>
        )}
        {detail.device && (
          <Descriptions.Item label={t('safetyLive.point.device')}>
            <Space size={6} wrap>
              <span>{`${detail.device.name} · ${t(`safetyLive.deviceKind.${detail.device.kind}`)}`}</span>
              {detail.device.lastSeenAt && (
                <Typography.Text type="secondary">{t('safetyLive.point.lastSeen', { at: formatDateTime(detail.device.lastSeenAt, false) })}</Typography.Text>
              )}
              {detail.device.revoked && <Tag color="red">{t('safetyLive.point.deviceRevoked')}</Tag>}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('safetyLive.point.range')}>
          {p.rangeLow === null && p.rangeHigh === null ? '—' : `${num(p.rangeLow)} ~ ${num(p.rangeHigh)} ${p.unit}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('safetyLive.point.thresholds')}>
          {thresholds.length ? (
            <Space size={6} wrap data-testid="safety-point-thresholds">
              {thresholds.map((b) => (
                <Tag key={b} color={b === 'h' ? 'orange' : b === 'l' ? 'gold' : 'red'}>
                  {`${t(`safetyLive.band.${b}`)} ${num(p.thresholds[b], p.unit)}`}
                </Tag>
              ))}
              {p.deadband > 0 && <Typography.Text type="secondary">{`${t('safetyLive.point.deadband')} ${num(p.deadband, p.unit)}`}</Typography.Text>}
              {p.minDurationS > 0 && <Typography.Text type="secondary">{t('safetyLive.point.minDuration', { count: p.minDurationS })}</Typography.Text>}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('safetyLive.point.interval')}>
          {t('safetyLive.point.seconds', { count: p.expectedIntervalS })} · {t('safetyLive.point.staleAfter', { count: p.staleAfterIntervals })}
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Text strong>{t('safetyLive.point.openAlarms')}</Typography.Text>
        <Space orientation="vertical" size={4} style={{ display: 'flex', marginTop: 4 }}>
          {detail.openAlarms.length ? (
            detail.openAlarms.map((a) => <AlarmLine key={a.id} alarm={a} />)
          ) : (
            <Typography.Text type="secondary">{t('safetyLive.point.noAlarms')}</Typography.Text>
          )}
        </Space>
      </div>
      {detail.recentAlarms.some((a) => a.status === 'closed') && (
        <div>
          <Typography.Text strong>{t('safetyLive.point.recentAlarms')}</Typography.Text>
          <Space orientation="vertical" size={4} style={{ display: 'flex', marginTop: 4 }}>
            {detail.recentAlarms
              .filter((a) => a.status === 'closed')
              .map((a) => (
                <AlarmLine key={a.id} alarm={a} />
              ))}
          </Space>
        </div>
      )}
    </Space>
  );
}

/** The trend chart of a series with live values appended. */
export function PointTrend({ series, live, span }: { series: PointSeries; live: readonly (readonly [number, number])[]; span?: { from: number; to: number } }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      safetyTrendOption(
        { ...series, points: appendLive(series.points, live), ...(span ? { span } : {}) },
        {
          value: series.resolution === 'raw' ? t('safetyLive.chart.value') : t('safetyLive.chart.average'),
          band: t('safetyLive.chart.band'),
          min: t('safetyLive.chart.min'),
          max: t('safetyLive.chart.max'),
          noData: t('safetyLive.chart.noData'),
          threshold: { hh: t('safetyLive.band.hh'), h: t('safetyLive.band.h'), l: t('safetyLive.band.l'), ll: t('safetyLive.band.ll') },
          time: (ms) => formatDateTime(ms),
        },
      ),
    [series, live, span, t],
  );
  return <EChart option={option} height={280} testId="safety-point-trend" />;
}

export function PointDrawer({
  pointId,
  live,
  skewMs,
  onClose,
}: {
  pointId: string | null;
  /** The server's clock minus the browser's: a range ends at the server's now. */
  skewMs: number;
  /** Values of this point pushed over the socket since it was opened: [ts, value]. */
  live: readonly (readonly [number, number])[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<{ range: TrendRange; to: number }>(() => ({ range: '1h', to: Date.now() + skewMs }));
  const detail = useApiGet<PointDetail>(pointId ? `/api/safety/points/${pointId}/detail` : null);
  const d = detail.data && detail.data.point.id === pointId ? detail.data : undefined;
  const query = useMemo(() => seriesQuery(view.range, view.to), [view]);
  const span = useMemo(() => ({ from: Date.parse(query.from), to: Date.parse(query.to) }), [query]);
  const series = useApiGet<PointSeries>(pointId ? `/api/safety/points/${pointId}/series` : null, query);
  const s = series.data && series.data.pointId === pointId ? series.data : undefined;
  const newest = live.length ? live[live.length - 1]! : null;
  // live values only after the series' end (the chart of a past range stays as it was)
  const liveAfter = useMemo(() => live.filter(([ts]) => ts > view.to - 60_000), [live, view.to]);

  return (
    <Drawer
      open={!!pointId}
      onClose={onClose}
      size={560}
      title={d ? `${d.point.tag} ${d.point.name}` : t('safetyLive.point.title')}
      data-testid="safety-point-drawer"
    >
      <Spin spinning={detail.loading && !d}>
        {!d ? (
          !detail.loading && detail.error ? (
            <Empty description={t('safetyLive.point.failed')} />
          ) : (
            <div style={{ minHeight: 200 }} />
          )
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <PointFacts detail={d} live={newest ? { ts: newest[0], value: newest[1] } : null} />
            <div>
              <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
                <Typography.Text strong>{t('safetyLive.point.trend')}</Typography.Text>
                <Segmented
                  size="small"
                  value={view.range}
                  onChange={(v) => setView({ range: v as TrendRange, to: Date.now() + skewMs })}
                  options={trendRanges.map((r) => ({ value: r, label: t(`safetyLive.range.${r}`) }))}
                  data-testid="safety-point-range"
                />
              </Space>
              <Spin spinning={series.loading}>
                {s ? (
                  <>
                    <PointTrend series={s} live={liveAfter} span={span} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`safetyLive.chart.resolution.${s.resolution}`)}
                      {liveAfter.length ? ` · ${t('safetyLive.point.live')}` : ''}
                    </Typography.Text>
                  </>
                ) : (
                  <div style={{ height: 280 }} />
                )}
              </Spin>
            </div>
          </Space>
        )}
      </Spin>
    </Drawer>
  );
}
