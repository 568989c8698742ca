// The live vehicle page renders (server-side, first paint) in both languages with fixture data parsed by the shared
// schemas (a change of the contract breaks this test): the header counts and parking occupancy, the alarm list with a
// closed-park alarm, the vehicle card (appointment, waybill, cargo, driver) and the track control. Effects do not run
// here: no socket is opened, nothing is fetched, Leaflet is not loaded.
import type { ReactElement } from 'react';
import dayjs from 'dayjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parkLiveSnapshotSchema, vehicleCardSchema, vehicleTrackSchema } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../../app/test-fixtures.tsx';
import VehicleMapPage from '../VehicleMapPage.tsx';
import { ParkHeader } from './ParkHeader.tsx';
import { TrackControl, VehicleFacts } from './VehicleDrawer.tsx';

const html = (element: ReactElement) => renderAs(adminMe, element, '/park');

const alarm = {
  id: U(10),
  pointId: null,
  pointTag: null,
  pointName: null,
  unit: null,
  deviceId: null,
  deviceName: null,
  enterpriseId: null,
  enterpriseName: null,
  majorHazardId: null,
  majorHazardName: null,
  plate: '闽E12345',
  checkpointName: null,
  geofenceName: '危化品专用道',
  lat: 23.76,
  lon: 117.6,
  rule: 'overspeed',
  level: 'orange',
  band: null,
  status: 'raised',
  value: 62,
  threshold: 40,
  peakValue: 62,
  occurrences: 1,
  raisedAt: '2026-11-23T00:58:00.000Z',
  clearedAt: null,
  acknowledgedAt: null,
  handledAt: null,
  closedAt: null,
  escalation: 0,
  hazardItemId: null,
  updatedAt: '2026-11-23T00:58:00.000Z',
};

const snapshot = parkLiveSnapshotSchema.parse({
  at: '2026-11-23T01:00:00.000Z',
  mapCrs: 'gcj02',
  vehicles: [
    {
      key: U(1),
      vehicleId: U(1),
      plate: '闽E12345',
      category: 'hazmat',
      carrierName: '漳州危运',
      hazmatClasses: ['3'],
      unNumbers: ['1203'],
      appointmentId: U(2),
      appointmentCode: 'AP-0001',
      inPark: true,
      enteredAt: '2026-11-23T00:00:00.000Z',
      positionOnly: false,
      position: { ts: '2026-11-23T01:00:00.000Z', lat: 23.7602, lon: 117.6002, speedKmh: 32.5, course: 270 },
    },
  ],
  counts: { vehicles: 3, byCategory: { hazmat: 2, cargo: 1 }, byHazmatClass: { '3': 1, '2.1': 1, '8': 1 }, people: 7 },
  parking: [{ geofenceId: U(3), name: '危化品停车场', capacity: 10, occupied: 2, vehicleKeys: [U(1)] }],
  alarms: [alarm],
  geofences: [
    {
      id: U(3),
      kind: 'parking',
      name: '危化品停车场',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [117.599, 23.759],
            [117.601, 23.759],
            [117.601, 23.761],
            [117.599, 23.759],
          ],
        ],
      },
      widthM: null,
      speedLimitKmh: null,
      capacity: 10,
    },
  ],
});

const card = vehicleCardSchema.parse({
  id: U(1),
  plate: '闽E12345',
  plateColor: 'yellow',
  category: 'hazmat',
  body: 'tank',
  hazmatClasses: ['3'],
  carrier: { id: U(4), name: '漳州危运', licenceNo: '闽交运管许可漳字350600001号' },
  visit: { id: U(5), enteredAt: '2026-11-23T00:00:00.000Z', entryCheckpointName: '1号专用卡口' },
  appointment: {
    id: U(2),
    code: 'AP-0001',
    status: 'approved',
    waybillNo: 'WB-20261123-001',
    cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
    windowStart: '2026-11-22T23:00:00.000Z',
    windowEnd: '2026-11-23T05:00:00.000Z',
    enterprise: { id: U(6), name: '古雷石化' },
    route: { id: U(7), name: '危化品专用道' },
  },
  driver: { id: U(8), name: '张*丰', phone: '139****0001', qualificationNo: 'QC-001', qualificationExpiresOn: '2027-06-30' },
  escort: null,
  terminals: [{ id: U(9), protocol: 'jt808', identifier: '13800000001', lastSeenAt: '2026-11-23T01:00:00.000Z' }],
  position: { ts: '2026-11-23T01:00:00.000Z', lat: 23.7602, lon: 117.6002, speedKmh: 32.5, course: 270 },
  openAlarms: [alarm],
});

const track = vehicleTrackSchema.parse({
  vehicleId: U(1),
  from: '2026-11-22T23:00:00.000Z',
  to: '2026-11-23T01:00:00.000Z',
  total: 12000,
  downsampled: true,
  points: [
    [Date.UTC(2026, 10, 23, 0, 0), 23.76, 117.6, 20, 45],
    [Date.UTC(2026, 10, 23, 0, 1), 23.761, 117.601, 25, 50],
  ],
});

describe.each(['zh-CN', 'en-US'] as const)('the live vehicle page in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });
  const untranslated = /parkLive\.[a-zA-Z]+/;

  it('renders the page with a snapshot: header, map placeholder, legend, alarms', () => {
    const out = html(<VehicleMapPage initial={snapshot} />);
    for (const id of ['park-live-page', 'park-header', 'park-map', 'park-legend', 'safety-alarm-list', 'park-live-state'])
      expect(out, id).toContain(`data-testid="${id}"`);
    expect(out).toContain(zh ? '车辆一张图' : 'Vehicle map');
    expect(out).toContain('data-testid="park-count-vehicles" data-count="3"');
    expect(out).toContain('data-testid="park-count-people" data-count="7"');
    expect(out).toContain(`data-alarm-id="${U(10)}"`);
    expect(out).toContain('闽E12345 · 危化品专用道');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the counts by category and class and the parking occupancy', () => {
    const out = html(<ParkHeader counts={snapshot.counts} parking={snapshot.parking} state="open" />);
    expect(out).toContain('data-testid="park-count-category-hazmat" data-count="2"');
    expect(out).toContain('data-testid="park-count-class-2.1" data-count="1"');
    expect(out).toContain('data-testid="park-parking" data-occupied="2" data-capacity="10"');
    expect(out).toContain('2 / 10');
    expect(out).toContain(zh ? '危化品车' : 'Hazmat');
    expect(out).toContain(zh ? '实时连接正常' : 'Live');
    expect(out).not.toMatch(untranslated);
  });

  it('renders a vehicle card with appointment, waybill, cargo, driver and alarms', () => {
    const out = html(<VehicleFacts card={card} />);
    expect(out).toContain(`data-vehicle-id="${U(1)}"`);
    expect(out).toContain('AP-0001');
    expect(out).toContain('WB-20261123-001');
    expect(out).toContain('UN1203');
    expect(out).toContain('汽油');
    expect(out).toContain('张*丰');
    expect(out).toContain('139****0001');
    expect(out).toContain('古雷石化');
    expect(out).toContain('JT/T 808 13800000001');
    expect(out).toContain('32.5 km/h');
    expect(out).toContain(zh ? '超速' : 'Overspeed');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the track control with a thinned track', () => {
    const out = html(
      <TrackControl
        range={[dayjs('2026-11-22T23:00:00Z'), dayjs('2026-11-23T01:00:00Z')]}
        track={track}
        index={1}
        playing={false}
        speed={1}
        loading={false}
        onRange={() => undefined}
        onLoad={() => undefined}
        onPlay={() => undefined}
        onIndex={() => undefined}
        onSpeed={() => undefined}
      />,
    );
    expect(out).toContain('data-testid="park-track" data-points="2"');
    expect(out).toContain('data-testid="park-track-play"');
    expect(out).toContain(zh ? '已抽稀为 2 个' : 'thinned to 2');
    expect(out).toContain('25 km/h');
    expect(out).not.toMatch(untranslated);
  });
});
