// The header row of the live vehicle page: vehicles in the park by category and by hazmat class, people in the park,
// hazmat parking occupancy, and the state of the live connection. For the browser test: data-testid park-count-*
// with data-count.
import { useTranslation } from 'react-i18next';
import { Badge, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { LiveCounts, ParkingOccupancy } from '@zoneops/shared';
import type { LiveState } from '../../safety/use-safety-live.ts';
import { hazmatColour, mainClass } from './park-live-ui.ts';

const stateBadge: Record<LiveState, 'success' | 'processing' | 'warning' | 'error'> = {
  open: 'success',
  connecting: 'processing',
  reconnecting: 'warning',
  closed: 'error',
};

const byClassOrder = (a: string, b: string) => Number.parseFloat(a) - Number.parseFloat(b) || a.localeCompare(b);

export function ParkHeader({ counts, parking, state }: { counts: LiveCounts; parking: readonly ParkingOccupancy[]; state: LiveState }) {
  const { t } = useTranslation();
  const classes = Object.keys(counts.byHazmatClass).sort(byClassOrder);
  const categories = Object.keys(counts.byCategory).sort();
  return (
    <div data-testid="park-header" style={{ marginBottom: 12 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space size={[16, 4]} wrap>
          <Space size={4} data-testid="park-count-vehicles" data-count={counts.vehicles}>
            <Typography.Text>{t('parkLive.counts.vehicles')}</Typography.Text>
            <Typography.Text strong>{counts.vehicles}</Typography.Text>
          </Space>
          {categories.map((c) => (
            <Tag key={c} data-testid={`park-count-category-${c}`} data-count={counts.byCategory[c]}>
              {t(`parkLive.category.${c}`, { defaultValue: c })} {counts.byCategory[c]}
            </Tag>
          ))}
          <Space size={4} data-testid="park-count-people" data-count={counts.people}>
            <Typography.Text>{t('parkLive.counts.people')}</Typography.Text>
            <Typography.Text strong>{counts.people}</Typography.Text>
          </Space>
        </Space>
        <span data-testid="park-live-state" data-state={state}>
          <Badge status={stateBadge[state]} text={t(`parkLive.connection.${state}`)} />
        </span>
      </Space>
      <Space size={[8, 4]} wrap style={{ display: 'flex', marginTop: 6 }}>
        <Typography.Text type="secondary">{t('parkLive.counts.byClass')}</Typography.Text>
        {classes.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
        {classes.map((c) => {
          const colour = hazmatColour([c]);
          return (
            <Tooltip key={c} title={t(`parkLive.hazmatClass.${(mainClass([c]) ?? c).split('.')[0]}`, { defaultValue: c })}>
              <Space size={4} data-testid={`park-count-class-${c}`} data-count={counts.byHazmatClass[c]}>
                <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', background: colour }} />
                <Typography.Text>{t('parkLive.classTag', { cls: c })}</Typography.Text>
                <Typography.Text strong>{counts.byHazmatClass[c]}</Typography.Text>
              </Space>
            </Tooltip>
          );
        })}
      </Space>
      {parking.length > 0 && (
        <Space size={[16, 4]} wrap style={{ display: 'flex', marginTop: 6 }}>
          <Typography.Text type="secondary">{t('parkLive.counts.parking')}</Typography.Text>
          {parking.map((p) => {
            const pct = p.capacity ? Math.min(100, Math.round((p.occupied / p.capacity) * 100)) : 0;
            return (
              <Space key={p.geofenceId} size={6} data-testid="park-parking" data-occupied={p.occupied} data-capacity={p.capacity ?? ''}>
                <Typography.Text>{p.name}</Typography.Text>
                {p.capacity ? (
                  <Progress percent={pct} size="small" style={{ width: 90, margin: 0 }} showInfo={false} status={pct >= 100 ? 'exception' : 'normal'} />
                ) : null}
                <Typography.Text strong>{t('parkLive.counts.occupancy', { occupied: p.occupied, capacity: p.capacity ?? '—' })}</Typography.Text>
              </Space>
            );
          })}
        </Space>
      )}
    </div>
  );
}
