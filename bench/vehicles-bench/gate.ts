// Gate event generator of the vehicles benchmark, run as a child process: posts Hikvision ISAPI ANPR events
// (multipart/form-data: an `EventNotificationAlert` XML part and a JPEG part of the requested size) at a fixed rate
// over keep-alive connections, as ANPR cameras do, and times each answer (request written → answer read).
// Commands over IPC: {id, cmd: 'run', …} → {id, …stats}; {id, cmd: 'end'}.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface GateRun {
  host: string;
  port: number;
  path: string;
  headers: Record<string, string>;
  startAt: number;
  seconds: number;
  rate: number;
  imageBytes: number;
  /** Camera identities (deviceID) to rotate over; they are registered checkpoint devices. */
  devices: string[];
  plates: string[];
  maxSockets: number;
  /** Run tag for unique event ids. */
  tag: string;
}

export interface GateStats {
  sent: number;
  answered: number;
  byStatus: Record<string, number>;
  errors: number;
  errorSamples: string[];
  /** Requests not started because maxSockets were all busy for longer than a second (none is expected). */
  late: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  bytesPerRequest: number;
  cpuPct: number;
  ms: number;
}

/** A JPEG-looking image of `bytes` bytes: SOI + APP0 (JFIF) + noise + EOI. */
function jpeg(bytes: number): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const body = randomBytes(Math.max(0, bytes - head.length - 2));
  for (let i = 0; i < body.length; i++) if (body[i] === 0xff) body[i] = 0xfe; // no stray markers
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** China time as the cameras write it: 2026-11-23T09:00:00+08:00. */
function chinaTime(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

function alertXml(o: { device: string; uuid: string; plate: string; at: number; direction: 'forward' | 'reverse' }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<ipAddress>10.20.0.${(o.device.length * 7) % 250}</ipAddress>
<portNo>80</portNo>
<protocol>HTTP</protocol>
<macAddress>bc:ad:28:00:00:01</macAddress>
<deviceID>${o.device}</deviceID>
<channelID>1</channelID>
<dateTime>${chinaTime(o.at)}</dateTime>
<activePostCount>1</activePostCount>
<eventType>ANPR</eventType>
<eventState>active</eventState>
<eventDescription>ANPR</eventDescription>
<channelName>Camera 01</channelName>
<ANPR>
<country>3</country>
<licensePlate>${o.plate}</licensePlate>
<line>1</line>
<direction>${o.direction}</direction>
<confidenceLevel>97</confidenceLevel>
<plateType>unknown</plateType>
<plateColor>yellow</plateColor>
<licenseBright>0</licenseBright>
<vehicleType>truck</vehicleType>
<pictureInfoList>
<pictureInfo>
<fileName>detectionPicture.jpg</fileName>
<type>detectionPicture</type>
<dataType>0</dataType>
<picRecogMode>1</picRecogMode>
</pictureInfo>
</pictureInfoList>
</ANPR>
<UUID>${o.uuid}</UUID>
<picNum>1</picNum>
<isDataRetransmission>false</isDataRetransmission>
</EventNotificationAlert>
`;
}

const BOUNDARY = '----zoneopsBenchAnprBoundary7MA4YWxkTrZu0gW';

function multipart(xml: string, image: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="anpr.xml"; filename="anpr.xml"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="detectionPicture.jpg"; filename="detectionPicture.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    image,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(r: GateRun): Promise<GateStats> {
  const agent = new Agent({ keepAlive: true, maxSockets: r.maxSockets });
  const image = jpeg(r.imageBytes);
  const lat: number[] = [];
  const stats = { sent: 0, answered: 0, byStatus: {} as Record<string, number>, errors: 0, errorSamples: [] as string[], late: 0, bytes: 0 };
  const cpu0 = process.cpuUsage();
  if (r.startAt > Date.now()) await sleep(r.startAt - Date.now());
  const t0 = performance.now();
  const total = Math.round(r.rate * r.seconds);
  const pending: Promise<void>[] = [];
  const post = (i: number) =>
    new Promise<void>((resolve) => {
      const at = Date.now();
      // A fresh image per event (the first bytes after the header vary), as a camera's pictures would.
      image.writeUInt32BE(i, 20);
      const body = multipart(
        alertXml({
          device: r.devices[i % r.devices.length]!,
          uuid: `${r.tag}-${i}`,
          plate: r.plates[i % r.plates.length]!,
          at,
          direction: i % 2 ? 'reverse' : 'forward',
        }),
        image,
      );
      stats.bytes = body.length;
      const s = performance.now();
      const req = request(
        {
          host: r.host,
          port: r.port,
          path: r.path,
          method: 'POST',
          agent,
          headers: { ...r.headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            lat.push(performance.now() - s);
            stats.answered++;
            const k = String(res.statusCode);
            stats.byStatus[k] = (stats.byStatus[k] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        stats.errors++;
        if (stats.errorSamples.length < 5) stats.errorSamples.push(e.message);
        resolve();
      });
      req.end(body);
      stats.sent++;
    });
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / r.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    else if (wait < -1000) stats.late++;
    pending.push(post(i));
  }
  await Promise.race([Promise.all(pending), sleep(30_000)]);
  agent.destroy();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  const p = (q: number) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.ceil(q * lat.length) - 1)]! * 10) / 10 : 0);
  return {
    sent: stats.sent,
    answered: stats.answered,
    byStatus: stats.byStatus,
    errors: stats.errors,
    errorSamples: stats.errorSamples,
    late: stats.late,
    p50: p(0.5),
    p95: p(0.95),
    p99: p(0.99),
    max: lat.length ? Math.round(lat[lat.length - 1]! * 10) / 10 : 0,
    bytesPerRequest: stats.bytes,
    cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / ms) * 1000) / 10,
    ms: Math.round(ms),
  };
}

type Command = ({ id: number; cmd: 'run' } & GateRun) | { id: number; cmd: 'end' };

process.on('message', (m: Command) => {
  const done = m.cmd === 'run' ? run(m) : Promise.resolve({}).finally(() => setTimeout(() => process.exit(0), 20));
  done.then(
    (res) => process.send!({ id: m.id, ...res }),
    (e: unknown) => process.send!({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));
