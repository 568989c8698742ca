// JT/T 808 over TCP (issue 8): a 2013 and a 2019 terminal register (bound to their vehicle by plate), authenticate,
// report single and batch locations, which are stored with their coordinates, speed, course, time and alarm flags;
// a frame split across two TCP writes is reassembled; a location before authentication, or from a terminal that
// never registered, is refused and not stored; a wrong check code and garbage are counted and the connection goes
// on; an unsupported message is answered "not supported" and kept raw; a revoked terminal is refused; the app closed
// mid-stream and reopened on the same database has stored every acknowledged position.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { buildLocation, type TerminalIdentity } from '../src/ingest/jt808/terminal.ts';
import { encodeFrame, RESULT } from '../src/ingest/jt808/codec.ts';
import { queryRows } from '../src/platform/database.ts';
import { createEnv, engines, FIXED_NOW, type TestEnv } from './harness.ts';
import { Jt808TestTerminal } from './jt808-fixtures.ts';

const T0 = FIXED_NOW.getTime();

interface Row {
  terminalId: string;
  vehicleId: string | null;
  ms: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  altitudeM: number | null;
  alarmFlags: number;
  status: number;
  flags: string[];
}

for (const engine of engines()) {
  describe(`JT/T 808 positions on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let port = 0;
    const terminals: Jt808TestTerminal[] = [];
    const db = () => env.database.db;

    const open = async (identity: TerminalIdentity, p = port) => {
      const t = await Jt808TestTerminal.connect(p, identity);
      terminals.push(t);
      return t;
    };
    const positionsOf = (identifier: string) =>
      queryRows<Row>(
        db(),
        sql`select p.terminal_id as "terminalId", p.vehicle_id as "vehicleId", (extract(epoch from p.ts) * 1000)::float8 as ms, lat, lon,
            speed_kmh as "speedKmh", course, altitude_m as "altitudeM", alarm_flags as "alarmFlags", status, flags
          from vehicle_positions p join position_terminals t on t.id = p.terminal_id
          where t.protocol = 'jt808' and t.identifier = ${identifier} order by p.ts`,
      );
    const rejections = async (senderKey: string) => {
      await app.park.positions.flush();
      const rows = await queryRows<{ reason: string; count: number }>(
        db(),
        sql`select reason, count from ingest_rejections where sender_key = ${senderKey} and channel = 'jt808' order by reason`,
      );
      return Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]));
    };
    const vehicle = async (plate: string) => {
      const id = randomUUID();
      await db().execute(sql`insert into park_vehicles (id, plate, category) values (${id}, ${plate}, 'hazmat')`);
      return id;
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const ports = await app.park.positions.start({ jt808Port: 0, osmandPort: 0 });
      port = ports.jt808Port!;
    });
    afterAll(async () => {
      for (const t of terminals) await t.close();
      await env.close();
    });

    it('reports the listening ports in start() and the status', () => {
      expect(port).toBeGreaterThan(0);
      expect(app.park.positions.ports().jt808).toBe(port);
      expect(app.park.positions.status().listeners.jt808.port).toBe(port);
    });

    it('a 2013 terminal registers (bound by plate), authenticates, and its single and batch locations are stored', async () => {
      const vehicleId = await vehicle('苏E12345');
      const t = await open({ phone: '013912340001', version: '2013' });
      const reg = await t.register({ plate: '苏E12345', plateColor: 2 });
      expect(reg.result).toBe(0);
      expect(reg.authCode).toMatch(/^[0-9A-F]{12}$/);
      const [term] = await queryRows<{ vehicleId: string | null; version: string; plate: string; authCode: string }>(
        db(),
        sql`select vehicle_id as "vehicleId", protocol_version as version, registered_plate as plate, auth_code as "authCode"
          from position_terminals where protocol = 'jt808' and identifier = '13912340001'`,
      );
      expect(term).toEqual({ vehicleId, version: '2013', plate: '苏E12345', authCode: reg.authCode });

      expect(await t.authenticate()).toBe(RESULT.ok);
      expect(await t.heartbeat()).toBe(RESULT.ok);
      expect(await t.location({ lat: 31.312345, lon: 120.612345, time: T0 - 60_000, speedKmh: 62.3, course: 275, altitudeM: 12, alarm: 0x0000_0003 })).toBe(
        RESULT.ok,
      );
      const batch = [0, 1, 2].map((i) => ({ lat: 31.3124 + i * 0.0001, lon: 120.6124, time: T0 - 50_000 + i * 10_000, speedKmh: 30 + i, course: 90 }));
      expect(await t.batch(batch, 1)).toBe(RESULT.ok);

      const rows = await positionsOf('13912340001');
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatchObject({
        vehicleId,
        ms: T0 - 60_000,
        lat: 31.312345,
        lon: 120.612345,
        speedKmh: 62.3,
        course: 275,
        altitudeM: 12,
        alarmFlags: 3,
        flags: [],
      });
      expect(rows[0]!.status & 0x02).toBe(0x02);
      expect(rows.slice(1).map((r) => [r.ms, r.speedKmh])).toEqual([
        [T0 - 50_000, 30],
        [T0 - 40_000, 31],
        [T0 - 30_000, 32],
      ]);
      // The latest position per vehicle, in memory.
      expect(app.park.positions.latest().get(vehicleId)).toMatchObject({ ts: T0 - 30_000, identifier: '13912340001', protocol: 'jt808' });
    });

    it('a 2019 terminal (10-byte phone, version byte) registers, authenticates and reports', async () => {
      const vehicleId = await vehicle('粤BD12345');
      const t = await open({ phone: '00000000018612345678', version: '2019' });
      const reg = await t.register({ plate: '粤BD12345', plateColor: 5 });
      expect(reg.result).toBe(0);
      expect(await t.authenticate()).toBe(RESULT.ok);
      // South and west hemispheres are signed by the status bits.
      expect(await t.location({ lat: 22.5, lon: 113.9, time: T0 - 30_000, speedKmh: 80.5, course: 359, alarm: 0x8000_0001 | 0 })).toBe(RESULT.ok);
      expect(await t.batch([{ lat: 22.5001, lon: 113.9001, time: T0 - 20_000, speedKmh: 81 }])).toBe(RESULT.ok);
      const rows = await positionsOf('18612345678');
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ vehicleId, ms: T0 - 30_000, lat: 22.5, lon: 113.9, speedKmh: 80.5, course: 359, alarmFlags: 0x8000_0001 | 0 });
      const [term] = await queryRows<{ version: string }>(
        db(),
        sql`select protocol_version as version from position_terminals where identifier = '18612345678'`,
      );
      expect(term!.version).toBe('2019');
    });

    it('reassembles a frame split across two TCP writes', async () => {
      const t = await open({ phone: '013912340002', version: '2013' });
      await t.login({ plate: '苏E22222' });
      const serial = t.nextSerial();
      const frame = buildLocation(t.identity, serial, { lat: 31.1, lon: 120.1, time: T0 - 5_000, speedKmh: 10 });
      await t.write(frame.subarray(0, 17));
      await new Promise((resolve) => setImmediate(resolve));
      await t.write(frame.subarray(17));
      const a = await t.answerTo(serial);
      expect(a).toMatchObject({ kind: 'general', result: RESULT.ok });
      expect((await positionsOf('13912340002')).map((r) => r.ms)).toEqual([T0 - 5_000]);
    });

    it('refuses a location before authentication and from an unregistered terminal, and stores neither', async () => {
      const registered = await open({ phone: '013912340003', version: '2013' });
      expect((await registered.register({ plate: '苏E33333' })).result).toBe(0);
      expect(await registered.location({ lat: 31.2, lon: 120.2, time: T0 - 1_000 })).toBe(RESULT.failure);
      expect(await registered.authenticate('WRONG')).toBe(RESULT.failure);
      expect(await registered.location({ lat: 31.2, lon: 120.2, time: T0 - 1_000 })).toBe(RESULT.failure);
      const stranger = await open({ phone: '013999999999', version: '2013' });
      expect(await stranger.authenticate('ANY')).toBe(RESULT.failure);
      expect(await stranger.location({ lat: 31.2, lon: 120.2, time: T0 - 1_000 })).toBe(RESULT.failure);
      expect(await positionsOf('13912340003')).toEqual([]);
      expect(await rejections('jt808:13912340003')).toEqual({ badAuthCode: 1, notAuthenticated: 2 });
      expect(await rejections('jt808:13999999999')).toEqual({ notRegistered: 2 });
      // Once authenticated, the same terminal's location is stored.
      expect(await registered.authenticate()).toBe(RESULT.ok);
      expect(await registered.location({ lat: 31.2, lon: 120.2, time: T0 - 1_000 })).toBe(RESULT.ok);
      expect(await positionsOf('13912340003')).toHaveLength(1);
    });

    it('counts a wrong check code, garbage, an oversize frame and implausible positions, answers them, and the connection goes on', async () => {
      const t = await open({ phone: '013912340004', version: '2013' });
      await t.login({ plate: '苏E44444' });
      const serial = t.nextSerial();
      const frame = Buffer.from(buildLocation(t.identity, serial, { lat: 31.3, lon: 120.3, time: T0 - 9_000 }));
      frame[frame.length - 2] = frame[frame.length - 2]! ^ 0x5a; // the check code (not an escaped byte: checked below)
      expect([0x7e, 0x7d]).not.toContain(frame[frame.length - 2]);
      await t.write(Buffer.concat([Buffer.from('garbage!'), frame]));
      expect(await t.answerTo(serial)).toMatchObject({ kind: 'general', result: RESULT.badMessage });
      // (0, 0), out of the accepted window: answered "message error", counted, not stored.
      expect(await t.location({ lat: 0, lon: 0, time: T0 - 8_000 })).toBe(RESULT.badMessage);
      expect(await t.location({ lat: 31.3, lon: 120.3, time: T0 - 30 * 86_400_000 })).toBe(RESULT.badMessage);
      // An impossible jump is stored, flagged.
      expect(await t.location({ lat: 31.3, lon: 120.3, time: T0 - 7_000 })).toBe(RESULT.ok);
      expect(await t.location({ lat: 32.3, lon: 120.3, time: T0 - 6_000 })).toBe(RESULT.ok);
      expect((await positionsOf('13912340004')).map((r) => r.flags)).toEqual([[], ['jump']]);
      // An oversize frame (over JT808_MAX_BODY) is dropped up to its closing delimiter; the next frame is read.
      await t.write(Buffer.concat([Buffer.from([0x7e]), Buffer.alloc(9_000, 0x11), Buffer.from([0x7e])]));
      expect(await t.location({ lat: 32.3001, lon: 120.3, time: T0 - 4_000 })).toBe(RESULT.ok);
      expect(await rejections('jt808:13912340004')).toEqual({ badCheckCode: 1, garbage: 1, outOfWindow: 1, oversize: 1, zeroPosition: 1 });
    });

    it('answers an unsupported message "not supported" and keeps it raw', async () => {
      const t = await open({ phone: '013912340005', version: '2013' });
      await t.login({ plate: '苏E55555' });
      const a = await t.request((s) => encodeFrame({ msgId: 0x0900, phone: t.identity.phone, serial: s, body: Buffer.from('f0010203', 'hex') }));
      expect(a).toMatchObject({ kind: 'general', answerMsgId: 0x0900, result: RESULT.unsupported });
      await app.park.positions.flush();
      await expect
        .poll(async () => queryRows<{ id: number }>(db(), sql`select message_id as id from position_raw_messages where terminal_identifier = '13912340005'`))
        .toEqual([{ id: 0x0900 }]);
    });

    it('refuses a revoked terminal', async () => {
      const t = await open({ phone: '013912340006', version: '2013' });
      await t.login({ plate: '苏E66666' });
      await db().execute(sql`update position_terminals set revoked_at = now() where identifier = '13912340006'`);
      await app.park.positions.reloadTerminals();
      expect(await t.location({ lat: 31.2, lon: 120.2, time: T0 - 1_000 })).toBe(RESULT.failure);
      expect((await t.register({ plate: '苏E66666' })).result).toBe(4);
      expect(await t.authenticate()).toBe(RESULT.failure);
      expect(await positionsOf('13912340006')).toEqual([]);
    });

    it('refuses a plate that is not GBK', async () => {
      const t = await open({ phone: '013912340007', version: '2011' });
      const serial = t.nextSerial();
      const body = Buffer.concat([
        Buffer.alloc(4),
        Buffer.from('ABCDE'),
        Buffer.from('MODEL123'),
        Buffer.from('1234567'),
        Buffer.from([2]),
        Buffer.from([0x81, 0x20]),
      ]);
      await t.write(encodeFrame({ msgId: 0x0100, phone: t.identity.phone, serial, body }));
      expect(await t.answerTo(serial)).toMatchObject({ kind: 'register', result: 2 });
      expect(await rejections('jt808:13912340007')).toEqual({ badGbk: 1 });
    });

    it('stores every acknowledged position when the app is closed mid-stream and reopened on the same database', async () => {
      const identity: TerminalIdentity = { phone: '013912340010', version: '2013' };
      const t = await open(identity);
      await t.login({ plate: '苏E10101' });
      const acked: number[] = [];
      const pending: Promise<void>[] = [];
      const send = (term: Jt808TestTerminal, i: number) => {
        const serial = term.nextSerial();
        const time = T0 - 600_000 + i * 1_000;
        pending.push(
          term.answerTo(serial, 5_000).then(
            (a) => {
              if (a.kind === 'general' && a.result === RESULT.ok) acked.push(time);
            },
            () => undefined,
          ),
        );
        return term.write(buildLocation(identity, serial, { lat: 31.4 + i * 1e-5, lon: 120.4, time, speedKmh: 36 })).catch(() => undefined);
      };
      for (let i = 0; i < 150; i++) void send(t, i);
      await pending[0]; // some answers have arrived
      const closing = app.app.close();
      for (let i = 150; i < 300; i++) void send(t, i);
      await closing;
      await Promise.all(pending);
      expect(acked.length).toBeGreaterThan(0);
      const stored = new Set((await positionsOf('13912340010')).map((r) => r.ms));
      expect(acked.filter((ms) => !stored.has(ms))).toEqual([]);

      // Reopened: the terminal authenticates with the code it was given and reports the rest.
      const app2 = await env.start();
      const ports = await app2.park.positions.start({ jt808Port: 0, osmandPort: 0 });
      app = app2;
      const t2 = await open(identity, ports.jt808Port!);
      t2.authCode = t.authCode;
      expect(await t2.authenticate()).toBe(RESULT.ok);
      const before = acked.length;
      for (let i = 300; i < 320; i++) await send(t2, i);
      await Promise.all(pending);
      expect(acked.length).toBe(before + 20);
      const after = new Set((await positionsOf('13912340010')).map((r) => r.ms));
      expect(acked.filter((ms) => !after.has(ms))).toEqual([]);
    });
  });
}
