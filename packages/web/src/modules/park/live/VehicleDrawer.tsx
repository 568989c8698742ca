// A vehicle's card on the live vehicle page (GET /api/park/vehicles/:id): carrier, current appointment (code,
// waybill, cargo, window, destination enterprise, route), driver and escort (masked by the server for those without
// the field permissions), terminals, latest position and open alarms; and the track playback (GET …/track): a time
// range (at most 7 days), play / pause, speed, a slider over the points; the map draws the line and the cursor.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { Button, DatePicker, Descriptions, Drawer, Empty, Select, Slider, Space, Spin, Table, Tag, Typography } from 'antd';
import { TRACK_MAX_DAYS, type LiveVehicle, type VehicleCard, type VehicleTrack } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { levelTagColours } from '../../safety/map/safety-map-ui.ts';
import { playbackStep } from './park-live-ui.ts';

const TICK_MS = 200;

type Person = VehicleCard['driver'];

function PersonText({ person }: { person: Person }) {
  const { t } = useTranslation();
  if (!person) return <>—</>;
  return (
    <Space size={4} wrap>
      <span>{person.name}</span>
      {person.phone && <Typography.Text type="secondary">{person.phone}</Typography.Text>}
      {person.qualificationNo && (
        <Typography.Text type="secondary">
          {t('parkLive.card.qualification', { no: person.qualificationNo, until: person.qualificationExpiresOn ?? '—' })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The card's facts (pure: the smoke test renders it with fixture data). */
export function VehicleFacts({ card }: { card: VehicleCard }) {
  const { t } = useTranslation();
  const a = card.appointment;
  const pos = card.position;
  return (
    <div data-testid="park-vehicle-card" data-vehicle-id={card.id}>
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('parkLive.card.plate')}>
          <Space>
            <Typography.Text strong>{card.plate}</Typography.Text>
            <Tag>{t(`parkLive.category.${card.category}`, { defaultValue: card.category })}</Tag>
            {card.hazmatClasses.map((c) => (
              <Tag key={c} color="red">
                {t('parkLive.classTag', { cls: c })}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('parkLive.card.carrier')}>{card.carrier ? `${card.carrier.name} (${card.carrier.licenceNo})` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('parkLive.card.visit')}>
          {card.visit
            ? t('parkLive.card.enteredAt', { at: formatDateTime(card.visit.enteredAt), checkpoint: card.visit.entryCheckpointName ?? '—' })
            : t('parkLive.card.notInPark')}
        </Descriptions.Item>
        <Descriptions.Item label={t('parkLive.card.appointment')}>
          {a ? (
            <Space size={4} wrap data-testid="park-card-appointment">
              <Typography.Text code>{a.code}</Typography.Text>
              <Tag>{t(`parkLive.appointmentStatus.${a.status}`, { defaultValue: a.status })}</Tag>
            </Space>
          ) : (
            t('parkLive.card.noAppointment')
          )}
        </Descriptions.Item>
        {a && (
          <>
            <Descriptions.Item label={t('parkLive.card.waybill')}>{a.waybillNo}</Descriptions.Item>
            <Descriptions.Item label={t('parkLive.card.window')}>
              {formatDateTime(a.windowStart, false)} – {formatDateTime(a.windowEnd, false)}
            </Descriptions.Item>
            <Descriptions.Item label={t('parkLive.card.destination')}>{a.enterprise.name}</Descriptions.Item>
            <Descriptions.Item label={t('parkLive.card.route')}>{a.route?.name ?? '—'}</Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('parkLive.card.driver')}>
          <PersonText person={card.driver} />
        </Descriptions.Item>
        <Descriptions.Item label={t('parkLive.card.escort')}>
          <PersonText person={card.escort} />
        </Descriptions.Item>
        <Descriptions.Item label={t('parkLive.card.terminals')}>
          {card.terminals.length ? card.terminals.map((x) => <Tag key={x.id}>{`${x.protocol === 'jt808' ? 'JT/T 808' : 'OsmAnd'} ${x.identifier}`}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('parkLive.card.position')}>
          {pos ? (
            <span data-testid="park-card-position">
              {t('parkLive.card.positionText', {
                at: formatDateTime(pos.ts),
                speed: pos.speedKmh === null ? '—' : formatNumber(pos.speedKmh, 1),
                course: pos.course === null ? '—' : Math.round(pos.course),
              })}
            </span>
          ) : (
            t('parkLive.card.noPosition')
          )}
        </Descriptions.Item>
      </Descriptions>
      {a && a.cargo.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          pagination={false}
          rowKey={(r) => `${r.unNumber ?? ''}|${r.name ?? ''}|${r.hazmatClass ?? ''}|${r.quantity ?? ''}`}
          dataSource={a.cargo}
          columns={[
            { title: t('parkLive.cargo.unNumber'), dataIndex: 'unNumber', render: (v: string | null) => (v ? `UN${v}` : '—') },
            { title: t('parkLive.cargo.name'), dataIndex: 'name' },
            { title: t('parkLive.cargo.class'), dataIndex: 'hazmatClass' },
            {
              title: t('parkLive.cargo.quantity'),
              key: 'q',
              render: (_v, r) => (r.quantity === null ? '—' : `${formatNumber(r.quantity, 3)} ${r.unit ?? ''}`),
            },
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('parkLive.card.openAlarms', { count: card.openAlarms.length })}
      </Typography.Title>
      {card.openAlarms.length ? (
        <Space orientation="vertical" size={4}>
          {card.openAlarms.map((x) => (
            <Space key={x.id} size={4} data-alarm-id={x.id}>
              <Tag color={levelTagColours[x.level]}>{t(`parkLive.rule.${x.rule}`, { defaultValue: x.rule })}</Tag>
              <Typography.Text type="secondary">{formatDateTime(x.raisedAt)}</Typography.Text>
            </Space>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('parkLive.card.noAlarms')}</Typography.Text>
      )}
    </div>
  );
}

/** The playback control (pure: state lives in the drawer). */
export function TrackControl({
  range,
  track,
  index,
  playing,
  speed,
  loading,
  onRange,
  onLoad,
  onPlay,
  onIndex,
  onSpeed,
}: {
  range: [Dayjs, Dayjs];
  track: VehicleTrack | null;
  index: number;
  playing: boolean;
  speed: number;
  loading: boolean;
  onRange: (r: [Dayjs, Dayjs]) => void;
  onLoad: () => void;
  onPlay: (playing: boolean) => void;
  onIndex: (i: number) => void;
  onSpeed: (s: number) => void;
}) {
  const { t } = useTranslation();
  const n = track?.points.length ?? 0;
  const at = track && n ? track.points[Math.min(index, n - 1)] : undefined;
  return (
    <div data-testid="park-track" data-points={n}>
      <Typography.Title level={5}>{t('parkLive.track.title')}</Typography.Title>
      <Space wrap>
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && onRange([v[0], v[1]])}
        />
        <Button onClick={onLoad} loading={loading} data-testid="park-track-load">
          {t('parkLive.track.load')}
        </Button>
      </Space>
      {track && (
        <div style={{ marginTop: 8 }}>
          {n === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('parkLive.track.empty')} />
          ) : (
            <>
              <Space wrap>
                <Button type="primary" onClick={() => onPlay(!playing)} data-testid="park-track-play">
                  {playing ? t('parkLive.track.pause') : t('parkLive.track.play')}
                </Button>
                <Select
                  value={speed}
                  style={{ width: 90 }}
                  onChange={onSpeed}
                  options={[1, 2, 4, 8].map((s) => ({ value: s, label: `${s}×` }))}
                  aria-label={t('parkLive.track.speed')}
                />
                <Typography.Text type="secondary">
                  {track.downsampled ? t('parkLive.track.thinned', { shown: n, total: track.total }) : t('parkLive.track.points', { count: n })}
                </Typography.Text>
              </Space>
              <Slider min={0} max={Math.max(0, n - 1)} value={Math.min(index, n - 1)} onChange={(v) => onIndex(v)} tooltip={{ open: false }} />
              {at && (
                <Typography.Text data-testid="park-track-at">
                  {t('parkLive.track.at', { at: formatDateTime(at[0]), speed: at[3] === null ? '—' : formatNumber(at[3], 1) })}
                </Typography.Text>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}

export function VehicleDrawer({
  vehicle,
  track,
  index,
  onTrack,
  onIndex,
  onClose,
}: {
  vehicle: LiveVehicle | null;
  track: VehicleTrack | null;
  index: number;
  onTrack: (track: VehicleTrack | null) => void;
  onIndex: (i: number | ((prev: number) => number)) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const report = useReportError();
  const vehicleId = vehicle?.vehicleId ?? null;
  const [loaded, setLoaded] = useState<{ id: string; card: VehicleCard } | null>(null);
  const card = loaded && loaded.id === vehicleId ? loaded.card : null;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(2, 'hour'), dayjs()]);
  const [loading, setLoading] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);

  useEffect(() => {
    if (!vehicleId) return;
    const ctrl = new AbortController();
    api.get<VehicleCard>(`/api/park/vehicles/${vehicleId}`, undefined, { signal: ctrl.signal }).then(
      (c) => setLoaded({ id: vehicleId, card: c }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) report(err);
      },
    );
    return () => ctrl.abort();
  }, [vehicleId, report]);

  const n = track?.points.length ?? 0;
  useEffect(() => {
    if (!playing || n === 0) return;
    const step = playbackStep(n, speed, 60, TICK_MS);
    const timer = setInterval(() => {
      onIndex((i) => {
        const next = i + step;
        if (next >= n - 1) {
          setPlaying(false);
          return n - 1;
        }
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, n, speed, onIndex]);

  const load = async () => {
    if (!vehicleId) return;
    const to = range[1];
    const from = to.diff(range[0], 'day', true) > TRACK_MAX_DAYS ? to.subtract(TRACK_MAX_DAYS, 'day') : range[0];
    setLoading(true);
    try {
      const tr = await api.get<VehicleTrack>(`/api/park/vehicles/${vehicleId}/track`, { from: from.toISOString(), to: to.toISOString() });
      onTrack(tr);
      onIndex(0);
      setPlaying(false);
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Drawer
      open={vehicle !== null}
      onClose={onClose}
      size={480}
      mask={false}
      title={vehicle ? (vehicle.plate ?? t('parkLive.unknownPlate')) : ''}
      destroyOnHidden
      data-testid="park-vehicle-drawer"
    >
      {vehicle && !vehicleId && <Empty description={t('parkLive.card.unregistered')} />}
      {vehicleId && !card && <Spin />}
      {card && <VehicleFacts card={card} />}
      {vehicleId && (
        <div style={{ marginTop: 16 }}>
          <TrackControl
            range={range}
            track={track}
            index={index}
            playing={playing}
            speed={speed}
            loading={loading}
            onRange={setRange}
            onLoad={() => void load()}
            onPlay={setPlaying}
            onIndex={(i) => onIndex(i)}
            onSpeed={setSpeed}
          />
        </div>
      )}
    </Drawer>
  );
}
