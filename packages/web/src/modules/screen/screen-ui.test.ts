import { describe, expect, it } from 'vitest';
import type { AlarmSummary, Cockpit, LiveVehicle } from '@zoneops/shared';
import {
  applyFeed,
  applyLiveSpot,
  counterDigits,
  dropCoveredSpots,
  feedFromList,
  fitStage,
  headlines,
  pushBounded,
  VehicleSpots,
  wanToYi,
  type LiveSpot,
} from './screen-ui.ts';

describe('stage fit', () => {
  it('scales by the smaller ratio and centres', () => {
    expect(fitStage(1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
    expect(fitStage(3840, 2160)).toEqual({ scale: 2, left: 0, top: 0 });
    // wider than 16:9: full height, bars left and right
    expect(fitStage(2560, 1080)).toEqual({ scale: 1, left: 320, top: 0 });
    // taller: full width, bars above and below
    const tall = fitStage(1280, 1024);
    expect(tall.scale).toBeCloseTo(1280 / 1920);
    expect(tall.left).toBe(0);
    expect(tall.top).toBe(Math.round((1024 - 720) / 2));
  });

  it('keeps scale 1 for a window without size', () => {
    expect(fitStage(0, 0)).toEqual({ scale: 1, left: 0, top: 0 });
  });
});

describe('bounded list', () => {
  const key = (x: { id: string }) => x.id;
  it('puts the new item first and keeps at most max', () => {
    let list: { id: string }[] = [];
    for (let i = 0; i < 120; i++) list = pushBounded(list, { id: String(i) }, 50, key);
    expect(list).toHaveLength(50);
    expect(list[0]!.id).toBe('119');
    expect(list[49]!.id).toBe('70');
  });

  it('moves an item already there to the front instead of repeating it', () => {
    const list = pushBounded([{ id: 'a' }, { id: 'b' }, { id: 'c' }], { id: 'b' }, 3, key);
    expect(list.map(key)).toEqual(['b', 'a', 'c']);
  });
});

describe('counter digits', () => {
  it('groups thousands and keeps the decimals', () => {
    expect(counterDigits(1234567)).toEqual([...'1,234,567']);
    expect(counterDigits(1429.656, 2)).toEqual([...'1,429.66']);
    expect(counterDigits(0)).toEqual(['0']);
    expect(counterDigits(7, 0, 3)).toEqual([...'007']);
    expect(counterDigits(-12.5, 1)).toEqual([...'-12.5']);
  });

  it('shows a dash without a value', () => {
    expect(counterDigits(null)).toEqual(['—']);
    expect(counterDigits(Number.NaN)).toEqual(['—']);
  });

  it('converts 万元 to 亿元', () => {
    expect(wanToYi('123456.78')).toBeCloseTo(12.345678);
    expect(wanToYi(null)).toBeNull();
    expect(wanToYi('x')).toBeNull();
  });
});

const alarm = (id: string, over: Partial<AlarmSummary> = {}): AlarmSummary =>
  ({
    id,
    level: 'red',
    status: 'raised',
    closedAt: null,
    raisedAt: '2026-11-23T01:00:00.000Z',
    updatedAt: '2026-11-23T01:00:00.000Z',
    ...over,
  }) as AlarmSummary;

describe('alarm feed', () => {
  it('puts raised and returned alarms first, at most max lines', () => {
    let feed = applyFeed([], 'raised', alarm('a'));
    feed = applyFeed(feed, 'raised', alarm('b'));
    feed = applyFeed(feed, 'returned', alarm('a', { updatedAt: '2026-11-23T01:05:00.000Z' }));
    expect(feed.map((x) => x.key)).toEqual(['a', 'b']);
    for (let i = 0; i < 80; i++) feed = applyFeed(feed, 'raised', alarm(`n${i}`), 50);
    expect(feed).toHaveLength(50);
  });

  it('starts from the read list by raise time, so the times fall down the list; a live change goes on top at its own time', () => {
    const read = [
      alarm('new', { raisedAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-23T01:00:00.000Z' }),
      alarm('escalated', { raisedAt: '2026-11-23T00:44:00.000Z', updatedAt: '2026-11-23T00:50:00.000Z' }),
      alarm('old', { raisedAt: '2026-11-23T00:20:00.000Z', updatedAt: '2026-11-23T00:20:00.000Z' }),
    ];
    let feed = feedFromList(read, 2);
    expect(feed.map((x) => [x.key, x.at])).toEqual([
      ['new', '2026-11-23T01:00:00.000Z'],
      ['escalated', '2026-11-23T00:44:00.000Z'],
    ]);
    feed = applyFeed(feed, 'levelChanged', alarm('escalated', { raisedAt: '2026-11-23T00:44:00.000Z', updatedAt: '2026-11-23T01:02:00.000Z' }));
    expect(feed.map((x) => [x.key, x.at])).toEqual([
      ['escalated', '2026-11-23T01:02:00.000Z'],
      ['new', '2026-11-23T01:00:00.000Z'],
    ]);
  });

  it('updates a line in place for other changes and ignores alarms not shown', () => {
    const feed = applyFeed([], 'raised', alarm('a'));
    const acked = applyFeed(feed, 'acknowledged', alarm('a', { status: 'acknowledged' }));
    expect(acked[0]!.alarm.status).toBe('acknowledged');
    expect(applyFeed(feed, 'cleared', alarm('zz'))).toBe(feed);
  });
});

describe('live alarm spots', () => {
  it('keeps open alarms newest first, one per alarm, at most max; a closed one leaves', () => {
    let spots: readonly LiveSpot[] = [];
    spots = applyLiveSpot(spots, alarm('a', { lat: null, lon: null }), 1);
    spots = applyLiveSpot(spots, alarm('b', { lat: null, lon: null }), 2);
    spots = applyLiveSpot(spots, alarm('a', { lat: null, lon: null, clearedAt: '2026-11-23T01:05:00.000Z' }), 3);
    expect(spots.map((s) => [s.alarm.id, s.at])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    spots = applyLiveSpot(spots, alarm('b', { status: 'closed', closedAt: '2026-11-23T01:06:00.000Z' }), 4);
    expect(spots.map((s) => s.alarm.id)).toEqual(['a']);
    for (let i = 0; i < 30; i++) spots = applyLiveSpot(spots, alarm(`n${i}`, { lat: null, lon: null }), 10 + i, 20);
    expect(spots).toHaveLength(20);
  });

  it('drops the spots a later read of the map data holds: sensors by the safety map, located ones by the park', () => {
    const sensor = (id: string, at: number): LiveSpot => ({ alarm: alarm(id, { lat: null, lon: null }), at });
    const located = (id: string, at: number): LiveSpot => ({ alarm: alarm(id, { lat: 30.1, lon: 120.2 }), at });
    const spots = [sensor('s1', 100), sensor('s2', 200), located('p1', 100), located('p2', 200)];
    // nothing read yet: all kept (the same list)
    expect(dropCoveredSpots(spots, null, null)).toBe(spots);
    // the safety map asked for at 150: s1 is in its answer, s2 came later; the park not read
    expect(dropCoveredSpots(spots, 150, null).map((s) => s.alarm.id)).toEqual(['s2', 'p1', 'p2']);
    // both read after everything: nothing left, so an unattended page keeps nothing between reads
    expect(dropCoveredSpots(spots, 200, 250)).toEqual([]);
  });
});

describe('headline figures', () => {
  const cockpit = {
    at: '2026-11-23T01:00:00.000Z',
    projects: { count: 900, ytdCompleted: '14296600.00' },
    promotion: { signings: { count: 5 } },
    safety: { openAlarms: { red: 2, orange: 3, yellow: 3, blue: 1 } },
    park: { vehicles: 17, people: 6 },
    supervision: { red: 1 },
    service: { satisfaction: { count: 4, of: 5, rate: 80 } },
  } as unknown as Cockpit;

  it('reads each tile present, in order', () => {
    expect(headlines(cockpit).map((h) => [h.key, h.value])).toEqual([
      ['projects', 900],
      ['investment', 1429.66],
      ['signings', 5],
      ['alarms', 9],
      ['vehicles', 17],
      ['people', 6],
      ['redItems', 1],
      ['satisfaction', 80],
    ]);
  });

  it('leaves out the tiles the caller may not read and takes live park counts', () => {
    const only = { at: cockpit.at, park: cockpit.park } as Cockpit;
    expect(headlines(only, { vehicles: 20, people: 9 }).map((h) => [h.key, h.value])).toEqual([
      ['vehicles', 20],
      ['people', 9],
    ]);
    expect(headlines(undefined)).toEqual([]);
  });
});

describe('vehicle spots', () => {
  const vehicle = (key: string, ts: string | null): Pick<LiveVehicle, 'key' | 'position'> => ({
    key,
    position: ts ? { ts, lat: 23.7, lon: 117.6, speedKmh: 30, course: 90 } : null,
  });
  const colour = () => '#1677ff';

  it('takes a snapshot, moves on positions, drops vehicles gone from the next snapshot', () => {
    const spots = new VehicleSpots();
    const heard: [readonly string[], readonly string[]][] = [];
    spots.subscribe((c, r) => heard.push([c, r]));
    spots.replace([vehicle('a', '2026-11-23T01:00:00.000Z'), vehicle('b', '2026-11-23T01:00:00.000Z'), vehicle('c', null)], colour);
    expect([...spots.spots.keys()]).toEqual(['a', 'b']);
    spots.apply([['a', Date.parse('2026-11-23T01:00:05.000Z'), 23.71, 117.61, 30, 180]]);
    expect(spots.spots.get('a')).toMatchObject({ lat: 23.71, lon: 117.61, course: 180, colour: '#1677ff' });
    // an older position does not move it back
    spots.apply([['a', Date.parse('2026-11-23T00:59:00.000Z'), 1, 1, null, null]]);
    expect(spots.spots.get('a')!.lat).toBe(23.71);
    spots.replace([vehicle('a', '2026-11-23T01:00:05.000Z')], colour);
    expect([...spots.spots.keys()]).toEqual(['a']);
    expect(heard.at(-1)).toEqual([['a'], ['b']]);
  });

  it('stays bounded and sweeps the quiet', () => {
    const spots = new VehicleSpots(3);
    const t = Date.parse('2026-11-23T01:00:00.000Z');
    spots.apply(['a', 'b', 'c', 'd', 'e'].map((k) => [k, t, 23.7, 117.6, null, null] as [string, number, number, number, null, null]));
    expect(spots.spots.size).toBe(3);
    spots.apply([['a', t + 20 * 60_000, 23.7, 117.6, null, null]]);
    const { removed } = spots.sweep(t + 20 * 60_000, 15 * 60_000);
    expect(removed.sort()).toEqual(['b', 'c']);
    expect([...spots.spots.keys()]).toEqual(['a']);
  });
});
