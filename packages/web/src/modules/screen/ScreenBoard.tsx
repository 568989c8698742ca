// The big screen's panels around the map, drawn from props only (the page holds the data and the sockets): the title
// bar (zone name, clock, data time, live state), the left column (headline counters, projects by light, the economy's
// key indicators) and the right column (open alarms by level, the live alarm feed, red supervision items). A panel
// whose module the caller may not read is not drawn.
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmLevel, Cockpit } from '@zoneops/shared';
import { EChart } from '../../app/EChart.tsx';
import { formatDateTime, formatNumber } from '../../app/format.ts';
import { screenAlarmsOption, screenLevelColours } from '../../charts/screen-alarms.ts';
import { screenLightsOption } from '../../charts/screen-lights.ts';
import type { LiveState } from '../safety/use-safety-live.ts';
import { FlipCounter } from './FlipCounter.tsx';
import { ScrollList } from './ScrollList.tsx';
import { headlines, wanToYi, type FeedItem } from './screen-ui.ts';
import { useNow } from './use-screen-data.ts';

const LEVELS: readonly AlarmLevel[] = ['red', 'orange', 'yellow', 'blue'];

export function Panel({ title, children, testId, grow }: { title: string; children: ReactNode; testId?: string; grow?: boolean }) {
  return (
    <section className={grow ? 'screen-panel grow' : 'screen-panel'} data-testid={testId}>
      <h3 className="screen-panel-title">{title}</h3>
      <div className="screen-panel-body">{children}</div>
    </section>
  );
}

function Clock() {
  const now = useNow();
  return (
    <span className="screen-clock" data-testid="screen-clock">
      {formatDateTime(now)}
    </span>
  );
}

export function TitleBar({ dataAt, live }: { dataAt: string | null; live: LiveState | null }) {
  const { t } = useTranslation();
  return (
    <header className="screen-title">
      <div className="screen-title-side left">
        <Clock />
      </div>
      <h1 data-testid="screen-zone-name">
        {t('app.zoneName')}
        <small>{t('screen.title')}</small>
      </h1>
      <div className="screen-title-side right">
        <span data-testid="screen-data-time">{dataAt ? t('screen.dataTime', { time: formatDateTime(dataAt) }) : t('screen.waiting')}</span>
        {live && (
          <span className={`screen-live screen-live-${live}`} data-testid="screen-live" data-state={live}>
            {t(`screen.live.${live}`)}
          </span>
        )}
      </div>
    </header>
  );
}

export function LeftColumn({ cockpit, liveCounts }: { cockpit: Cockpit | undefined; liveCounts: { vehicles: number; people: number } | null }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const figures = headlines(cockpit, liveCounts);
  const projects = cockpit?.projects;
  const lightsOption = useMemo(
    () =>
      projects
        ? screenLightsOption(projects.byLight, {
            light: {
              red: t('projectViews.light.red'),
              yellow: t('projectViews.light.yellow'),
              green: t('projectViews.light.green'),
              none: t('projectViews.light.none'),
            },
            total: t('screen.total'),
            noData: t('screen.noProjects'),
          })
        : null,
    [projects, t],
  );
  const economy = cockpit?.economy;
  return (
    <div className="screen-column">
      {figures.length > 0 && (
        <Panel title={t('screen.section.headlines')} testId="screen-headlines">
          <div className="screen-headlines">
            {figures.map((f) => (
              <div key={f.key} className="screen-headline" data-testid={`screen-headline-${f.key}`}>
                <div className="screen-headline-label">{t(`screen.headline.${f.key}`)}</div>
                <div className="screen-headline-value">
                  <FlipCounter value={f.value} decimals={f.decimals} testId={`screen-counter-${f.key}`} />
                  <span className="screen-headline-unit">{t(`screen.unit.${f.key}`)}</span>
                </div>
                {f.key === 'investment' && projects?.annualPercent != null && (
                  <div className="screen-headline-note">{t('screen.annualPercent', { pct: formatNumber(projects.annualPercent, 1) })}</div>
                )}
                {f.key === 'signings' && cockpit?.promotion && (
                  <div className="screen-headline-note">
                    {t('screen.signed', { yi: formatNumber(wanToYi(cockpit.promotion.signings.signedInvestment), 2) })}
                  </div>
                )}
              </div>
            ))}
          </div>
        </Panel>
      )}
      {lightsOption && (
        <Panel title={t('screen.section.lights')} testId="screen-lights">
          <EChart option={lightsOption} height={170} testId="screen-lights-chart" />
        </Panel>
      )}
      {economy && (
        <Panel title={`${t('screen.section.economy')}${economy.month ? ` · ${economy.month}` : ''}`} testId="screen-economy" grow>
          {economy.indicators.length === 0 ? (
            <div className="screen-list-empty">{t('screen.noEconomy')}</div>
          ) : (
            <div className="screen-indicators">
              {economy.indicators.slice(0, 4).map((x) => (
                <div key={x.id} className="screen-indicator">
                  <div className="screen-indicator-name">{english ? x.nameEn : x.nameZh}</div>
                  <div className="screen-indicator-value">
                    {formatNumber(x.value, 2)}
                    <small>{english ? x.unitEn : x.unit}</small>
                  </div>
                  {x.growth !== null && (
                    <div className={x.growth >= 0 ? 'screen-indicator-growth up' : 'screen-indicator-growth down'}>
                      {x.growth >= 0 ? '▲' : '▼'} {t('screen.growth', { pct: formatNumber(x.growth, 1) })}
                    </div>
                  )}
                </div>
              ))}
            </div>
          )}
        </Panel>
      )}
    </div>
  );
}

function AlarmRow({ item }: { item: FeedItem }) {
  const { t } = useTranslation();
  const a = item.alarm;
  // sensors: the enterprise, the point, the rule; closed-park alarms: the plate first, then where and the rule
  const where = a.plate ?? a.enterpriseName ?? a.checkpointName ?? a.geofenceName ?? t('screen.alarmWhere.park');
  const what = [
    a.plate ? (a.checkpointName ?? a.geofenceName ?? a.enterpriseName) : (a.pointName ?? a.pointTag),
    t(`safetyLive.rule.${a.rule}`, { defaultValue: a.rule }),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="screen-alarm-row" data-alarm-id={a.id} data-level={a.level}>
      <span className="screen-level-tag" style={{ background: screenLevelColours[a.level] }}>
        {t(`safetyLive.levelShort.${a.level}`)}
      </span>
      <span className="screen-alarm-text">
        <b>{where}</b> {what}
      </span>
      <span className="screen-alarm-time">{formatDateTime(item.at).slice(11, 16)}</span>
    </div>
  );
}

export function RightColumn({ cockpit, feed, showFeed }: { cockpit: Cockpit | undefined; feed: readonly FeedItem[]; showFeed: boolean }) {
  const { t } = useTranslation();
  const safety = cockpit?.safety;
  const alarmsOption = useMemo(
    () =>
      safety
        ? screenAlarmsOption(safety.openAlarms, Object.fromEntries(LEVELS.map((l) => [l, t(`safetyLive.level.${l}`)])) as Record<AlarmLevel, string>)
        : null,
    [safety, t],
  );
  const supervision = cockpit?.supervision;
  return (
    <div className="screen-column">
      {alarmsOption && (
        <Panel title={t('screen.section.alarmsByLevel')} testId="screen-alarm-levels">
          <EChart option={alarmsOption} height={160} testId="screen-alarms-chart" />
        </Panel>
      )}
      {showFeed && (
        <Panel title={t('screen.section.feed')} testId="screen-feed" grow>
          <ScrollList
            items={feed}
            keyOf={(x) => x.key}
            row={(x) => <AlarmRow item={x} />}
            visible={8}
            rowHeight={40}
            empty={t('screen.noAlarms')}
            testId="screen-feed-list"
          />
        </Panel>
      )}
      {supervision && (
        <Panel title={t('screen.section.redItems')} testId="screen-red-items">
          <ScrollList
            items={supervision.redItems}
            keyOf={(x) => x.id}
            row={(x) => (
              <div className="screen-red-row" data-item-id={x.id}>
                <span className="screen-red-title">{x.title}</span>
                <span className="screen-red-unit">{x.unitName}</span>
                <span className="screen-red-days">{t('screen.overdue', { count: x.overdueDays })}</span>
              </div>
            )}
            visible={5}
            rowHeight={40}
            empty={t('screen.noRedItems')}
            testId="screen-red-list"
            secondsPerRow={4}
          />
        </Panel>
      )}
    </div>
  );
}
