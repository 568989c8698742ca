// HJ 212-2017 over TCP (issue 7): real-time (Rtd) and minute (Avg) frames stored at their DataTime for the
// station's factor points; the data response sent, after the readings are stored, only when the frame's Flag asks;
// bad CRC, wrong length and a missing terminator counted against the station (the connection goes on); an unknown
// MN, an unknown factor and flagged values counted; a connection sending garbage closed while another keeps
// working; an unfinished frame held too long closes its connection.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildFrame, parseFrame } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { createEnv, engines, FIXED_NOW, type TestEnv } from './harness.ts';
import { buildRegistry, readingsOf, rejectionCount, type Registry } from './ingest-fixtures.ts';

const T0 = FIXED_NOW.getTime();
/** Beijing time yyyyMMddHHmmss of an instant. */
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);

interface Peer {
  socket: Socket;
  received: string;
  closed: Promise<void>;
}

for (const engine of engines()) {
  describe(`HJ 212 over TCP on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let reg: Registry;
    let port = 0;
    const peers: Peer[] = [];
    const db = () => env.database.db;

    const open = async (): Promise<Peer> => {
      const socket = connect({ host: '127.0.0.1', port });
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      const peer: Peer = { socket, received: '', closed: new Promise((resolve) => socket.once('close', () => resolve())) };
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (peer.received += d));
      socket.on('error', () => undefined);
      peers.push(peer);
      return peer;
    };
    const frame = (o: { qn: string; cn: string; flag: number; mn?: string; cp: string }) =>
      buildFrame(`QN=${o.qn};ST=22;CN=${o.cn};PW=123456;MN=${o.mn ?? reg.mn};Flag=${o.flag};CP=&&${o.cp}&&`);
    /** The data responses received so far, by QN. */
    const responses = (p: Peer) =>
      p.received
        .split('\r\n')
        .filter(Boolean)
        .map((f) => parseFrame(`${f}\r\n`))
        .map((r) => (r.ok ? `${r.frame.cn}:${r.frame.qn}` : 'bad'));

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      reg = await buildRegistry(db());
      await app.safety.ingest.reload();
      const ports = await app.safety.ingest.start({ mqttPort: 0, hj212Port: 0, timeouts: { hj212: { partialMs: 400 } } });
      port = ports.hj212Port!;
    });
    afterAll(async () => {
      for (const p of peers) p.socket.destroy();
      await env?.close();
    });

    it('stores a real-time frame (Rtd) and answers with a data response once stored', async () => {
      const p = await open();
      const at = T0 - 60_000;
      p.socket.write(
        frame({ qn: '20261123085900001', cn: '2011', flag: 5, cp: `DataTime=${beijing(at)};a34004-Rtd=35.2,a34004-Flag=N;a21026-Rtd=12.1,a21026-Flag=N` }),
      );
      await vi.waitFor(() => expect(responses(p)).toEqual(['9014:20261123085900001']), { timeout: 5_000 });
      // The answer came after the rows were committed.
      expect(await readingsOf(db(), reg.pm25.id)).toEqual([[at, 35.2]]);
      expect(await readingsOf(db(), reg.so2.id)).toEqual([[at, 12.1]]);
    });

    it('stores minute data as the average and answers only frames that ask', async () => {
      const p = await open();
      const at = T0 - 120_000;
      p.socket.write(
        frame({ qn: '20261123090000001', cn: '2051', flag: 4, cp: `DataTime=${beijing(at)};a34004-Min=30,a34004-Avg=33.5,a34004-Max=37,a34004-Flag=N` }),
      );
      p.socket.write(frame({ qn: '20261123090000002', cn: '2061', flag: 5, cp: `DataTime=${beijing(T0 - 3_600_000)};a21026-Avg=10.5,a21026-Flag=N` }));
      await vi.waitFor(() => expect(responses(p)).toEqual(['9014:20261123090000002']), { timeout: 5_000 });
      expect(await readingsOf(db(), reg.pm25.id)).toContainEqual([at, 33.5]);
      expect(await readingsOf(db(), reg.so2.id)).toContainEqual([T0 - 3_600_000, 10.5]);
    });

    it('counts bad CRC, wrong length and a missing terminator against the station and keeps the connection', async () => {
      const p = await open();
      const good = frame({ qn: '20261123090100001', cn: '2011', flag: 5, cp: `DataTime=${beijing(T0 - 30_000)};a34004-Rtd=40.1,a34004-Flag=N` });
      const badCrc = good.slice(0, -6) + (good.slice(-6, -2) === '0000' ? '0001' : '0000') + '\r\n';
      const badLength = '##9999' + good.slice(6);
      const noTerminator = frame({ qn: '20261123090100002', cn: '2011', flag: 5, cp: `DataTime=${beijing(T0 - 20_000)};a34004-Rtd=41,a34004-Flag=N` }).slice(
        0,
        -2,
      );
      p.socket.write(badCrc);
      p.socket.write(badLength);
      p.socket.write(noTerminator);
      p.socket.write(good);
      await vi.waitFor(() => expect(responses(p)).toEqual(['9014:20261123090100001']), { timeout: 5_000 });
      expect(await readingsOf(db(), reg.pm25.id)).toContainEqual([T0 - 30_000, 40.1]);
      expect(await readingsOf(db(), reg.pm25.id)).not.toContainEqual([T0 - 20_000, 41]);
      await app.safety.ingest.flush();
      const s = reg.station.id;
      expect(await rejectionCount(db(), 'badCrc', s)).toBe(1);
      expect(await rejectionCount(db(), 'tooLong', s)).toBe(1);
      expect(await rejectionCount(db(), 'noTerminator', s)).toBe(1);
      expect(p.socket.destroyed).toBe(false);

      const shortLength = '##0010' + good.slice(6);
      p.socket.write(shortLength);
      p.socket.write(frame({ qn: '20261123090100003', cn: '2011', flag: 5, cp: `DataTime=${beijing(T0 - 10_000)};a34004-Rtd=42,a34004-Flag=N` }));
      await vi.waitFor(() => expect(responses(p)).toContain('9014:20261123090100003'), { timeout: 5_000 });
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'badLength', s)).toBe(1);
    });

    it('counts unknown stations, unknown factors and flagged values', async () => {
      const p = await open();
      p.socket.write(frame({ qn: '20261123090200001', cn: '2011', flag: 5, mn: 'NOSUCHMN0001', cp: `DataTime=${beijing(T0)};a34004-Rtd=1` }));
      p.socket.write(
        frame({
          qn: '20261123090200002',
          cn: '2011',
          flag: 5,
          cp: `DataTime=${beijing(T0 - 5_000)};a34004-Rtd=50,a34004-Flag=D;a21026-Rtd=9,a21026-Flag=N;a99999-Rtd=1,a99999-Flag=N`,
        }),
      );
      await vi.waitFor(() => expect(responses(p)).toEqual(['9014:20261123090200002']), { timeout: 5_000 });
      expect(await readingsOf(db(), reg.so2.id)).toContainEqual([T0 - 5_000, 9]);
      expect(await readingsOf(db(), reg.pm25.id)).not.toContainEqual([T0 - 5_000, 50]);
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'unknownStation', 'mn:NOSUCHMN0001')).toBe(1);
      expect(await rejectionCount(db(), 'dataFlag', reg.station.id)).toBe(1);
      expect(await rejectionCount(db(), 'badTag', reg.station.id)).toBe(1);
    });

    it('closes a connection that sends garbage and keeps serving the others', async () => {
      const noisy = await open();
      const quiet = await open();
      noisy.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      await noisy.closed;
      quiet.socket.write(frame({ qn: '20261123090300001', cn: '2011', flag: 5, cp: `DataTime=${beijing(T0 - 3_000)};a34004-Rtd=44.4,a34004-Flag=N` }));
      await vi.waitFor(() => expect(responses(quiet)).toEqual(['9014:20261123090300001']), { timeout: 5_000 });
      expect(await readingsOf(db(), reg.pm25.id)).toContainEqual([T0 - 3_000, 44.4]);
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'garbage')).toBe(1);
    });

    it('closes a connection that holds an unfinished frame', async () => {
      const slow = await open();
      slow.socket.write('##0100QN=2026112309');
      await slow.closed;
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'slowClient')).toBe(1);
      expect(app.safety.ingest.status().listeners.hj212.port).toBe(port);
    });
  });
}
