// Notifications end to end: outgoing channels through the real sender against a local HTTP server that plays the
// WeCom and DingTalk group robots, retries with back-off, the inbox, and the permission and validation answers.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';
import type { App } from '../src/app.ts';
import { backoffMs, MAX_ATTEMPTS } from '../src/platform/notifications/notification.service.ts';

type RobotMode = 'ok' | 'http500' | 'errcode';

interface RobotRequest {
  path: string;
  query: URLSearchParams;
  body: unknown;
}

interface Robot {
  base: string;
  requests: RobotRequest[];
  /** The answer for one path (each test uses its own path): ok, HTTP 500, or 200 with errcode 93000. */
  setMode(path: string, mode: RobotMode): void;
  received(path: string): RobotRequest[];
  close(): Promise<void>;
}

/** A local stand-in for the WeCom and DingTalk robot webhooks: records every request, answers per path. */
async function startRobot(): Promise<Robot> {
  const requests: RobotRequest[] = [];
  const modes = new Map<string, RobotMode>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      requests.push({ path: url.pathname, query: url.searchParams, body });
      const mode = modes.get(url.pathname) ?? 'ok';
      if (mode === 'http500') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      }
      const answer = mode === 'errcode' ? { errcode: 93000, errmsg: 'invalid webhook url' } : { errcode: 0, errmsg: 'ok' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    setMode: (path, mode) => void modes.set(path, mode),
    received: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

interface ChannelJson {
  id: string;
  kind: string;
  name: string;
  target: string;
  hasSecret: boolean;
  enabled: boolean;
}

interface DeliveryJson {
  id: string;
  channelId: string;
  channelName: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  title: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

interface InboxJson {
  items: { id: string; title: string; body: string; kind: string; link: string | null; readAt: string | null }[];
  total: number;
  unread: number;
}

describe.each(engines())('notifications on %s', (engine) => {
  let env: TestEnv;
  let app: App['app'];
  let deps: App['deps'];
  let robot: Robot;
  let unitId: string;
  let admin: Client;

  beforeAll(async () => {
    robot = await startRobot();
    env = await createEnv(engine);
    ({ app, deps } = await env.start());
    unitId = (await buildUnit(env.database.db)).id;
    await buildUser(env.database.db, { username: 'chanadmin', displayName: '渠道管理员', unitId, roles: ['systemAdmin'] });
  });
  // Tests move the clock past the idle timeout, so every test signs in afresh.
  beforeEach(async () => {
    admin = await login(app, 'chanadmin');
  });
  afterAll(async () => {
    await env?.close();
    await robot?.close();
  });

  async function createChannel(body: { kind: 'wecom' | 'dingtalk'; name: string; target: string; secret?: string }): Promise<ChannelJson> {
    const res = await admin.send('POST', '/api/notification-channels', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ChannelJson>();
  }

  async function deliveriesOf(channelId: string): Promise<DeliveryJson[]> {
    const res = await admin.get('/api/notification-deliveries?pageSize=500');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: DeliveryJson[] }>().items.filter((d) => d.channelId === channelId);
  }

  async function onlyDelivery(channelId: string): Promise<DeliveryJson> {
    const list = await deliveriesOf(channelId);
    expect(list).toHaveLength(1);
    return list[0]!;
  }

  it('sends the test message of a WeCom channel as a markdown robot message and logs it as sent', async () => {
    const path = '/wecom/send-ok';
    const channel = await createChannel({ kind: 'wecom', name: '企微群', target: `${robot.base}${path}?key=abc123` });
    expect(channel).toMatchObject({ kind: 'wecom', hasSecret: false, enabled: true });
    expect((await admin.get('/api/notification-channels')).json<ChannelJson[]>().map((c) => c.id)).toContain(channel.id);

    expect((await admin.send('POST', `/api/notification-channels/${channel.id}/test`)).json()).toEqual({ ok: true });
    const queued = await onlyDelivery(channel.id);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, channelName: '企微群' });
    expect(robot.received(path)).toHaveLength(0);

    expect(await deps.notifications.deliverDue()).toBe(1);
    const got = robot.received(path);
    expect(got).toHaveLength(1);
    expect(got[0]!.query.get('key')).toBe('abc123');
    const body = got[0]!.body as { msgtype: string; markdown: { content: string } };
    expect(body).toEqual({ msgtype: 'markdown', markdown: { content: expect.any(String) } });
    expect(body.markdown.content).toContain(`### ${queued.title}`);
    expect(body.markdown.content).toContain('渠道管理员');

    const sent = await onlyDelivery(channel.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null, sentAt: env.clock.now().toISOString() });
    // Nothing is left to send.
    expect(await deps.notifications.deliverDue()).toBe(0);
    expect(robot.received(path)).toHaveLength(1);
  });

  it('signs DingTalk webhooks with timestamp and HMAC-SHA256 sign when the channel has a secret', async () => {
    const path = '/dingtalk/robot/send';
    const secret = 'SEC0123456789abcdef+/=';
    const channel = await createChannel({ kind: 'dingtalk', name: '钉钉群', target: `${robot.base}${path}?access_token=tok42`, secret });
    expect(channel.hasSecret).toBe(true);
    expect(JSON.stringify(channel)).not.toContain(secret);

    await deps.notifications.queue(channel.id, { title: '钉钉签名测试', body: '正文', link: 'https://zoneops.example/x' });
    const before = Date.now();
    expect(await deps.notifications.deliverDue()).toBe(1);
    const after = Date.now();

    const got = robot.received(path);
    expect(got).toHaveLength(1);
    const { query, body } = got[0]!;
    expect(query.get('access_token')).toBe('tok42');
    const timestamp = query.get('timestamp');
    const sign = query.get('sign');
    expect(timestamp).toMatch(/^\d{13}$/);
    // The robot checks the timestamp against real time, so it is the wall clock, not the app's clock.
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(after);
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(sign).toBe(expected);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { title: '钉钉签名测试', text: expect.stringContaining('### 钉钉签名测试\n正文') } });
    expect((body as { markdown: { text: string } }).markdown.text).toContain('(https://zoneops.example/x)');
    expect((await onlyDelivery(channel.id)).status).toBe('sent');
  });

  it('posts to an unsigned DingTalk webhook without timestamp and sign', async () => {
    const path = '/dingtalk/unsigned';
    const channel = await createChannel({ kind: 'dingtalk', name: '钉钉群(无签名)', target: `${robot.base}${path}?access_token=t2` });
    await deps.notifications.queue(channel.id, { title: '无签名', body: 'b', link: null });
    expect(await deps.notifications.deliverDue()).toBe(1);
    const got = robot.received(path);
    expect(got).toHaveLength(1);
    expect([...got[0]!.query.keys()]).toEqual(['access_token']);
  });

  it('keeps a failed delivery pending with back-off, retries it when due, and sends it once the robot recovers', async () => {
    const path = '/wecom/flaky';
    robot.setMode(path, 'http500');
    const channel = await createChannel({ kind: 'wecom', name: '不稳定的群', target: `${robot.base}${path}` });
    await deps.notifications.queue(channel.id, { title: '重试测试', body: 'b', link: null });

    expect(await deps.notifications.deliverDue()).toBe(0);
    expect(robot.received(path)).toHaveLength(1);
    const first = await onlyDelivery(channel.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(first.lastError).toContain('500');
    expect(first.nextAttemptAt).toBe(new Date(env.clock.now().getTime() + backoffMs(1)).toISOString());

    // Before the back-off ends, nothing is attempted.
    expect(await deps.notifications.deliverDue()).toBe(0);
    expect(robot.received(path)).toHaveLength(1);
    env.clock.advance(backoffMs(1) - 1_000);
    expect(await deps.notifications.deliverDue()).toBe(0);
    expect(robot.received(path)).toHaveLength(1);
    expect(await onlyDelivery(channel.id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: first.nextAttemptAt });

    // A refusal in the answer body (HTTP 200, errcode ≠ 0) is a failure too, and doubles the back-off.
    robot.setMode(path, 'errcode');
    env.clock.advance(2_000);
    expect(await deps.notifications.deliverDue()).toBe(0);
    expect(robot.received(path)).toHaveLength(2);
    const second = await onlyDelivery(channel.id);
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(second.lastError).toContain('93000');
    expect(second.nextAttemptAt).toBe(new Date(env.clock.now().getTime() + backoffMs(2)).toISOString());

    robot.setMode(path, 'ok');
    env.clock.advance(backoffMs(2) + 1_000);
    expect(await deps.notifications.deliverDue()).toBe(1);
    expect(robot.received(path)).toHaveLength(3);
    expect(await onlyDelivery(channel.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null, nextAttemptAt: null });
  });

  it('sends a delivery on the second attempt after one failure', async () => {
    const path = '/wecom/once-down';
    robot.setMode(path, 'http500');
    const channel = await createChannel({ kind: 'wecom', name: '偶尔宕机的群', target: `${robot.base}${path}` });
    await deps.notifications.queue(channel.id, { title: '第二次成功', body: 'b', link: null });
    await deps.notifications.deliverDue();
    expect(await onlyDelivery(channel.id)).toMatchObject({ status: 'pending', attempts: 1 });
    robot.setMode(path, 'ok');
    env.clock.advance(backoffMs(1) + 1_000);
    expect(await deps.notifications.deliverDue()).toBe(1);
    expect(await onlyDelivery(channel.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(robot.received(path)).toHaveLength(2);
  });

  it(`gives a delivery up as failed after ${MAX_ATTEMPTS} failed attempts`, async () => {
    const path = '/wecom/dead';
    robot.setMode(path, 'http500');
    const channel = await createChannel({ kind: 'wecom', name: '失效的群', target: `${robot.base}${path}` });
    await deps.notifications.queue(channel.id, { title: '终将失败', body: 'b', link: null });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deps.notifications.deliverDue()).toBe(0);
      expect(robot.received(path)).toHaveLength(attempt);
      const d = await onlyDelivery(channel.id);
      expect(d.attempts).toBe(attempt);
      expect(d.lastError).toContain('500');
      if (attempt < MAX_ATTEMPTS) {
        expect(d.status).toBe('pending');
        env.clock.advance(backoffMs(attempt) + 1_000);
      } else {
        expect(d).toMatchObject({ status: 'failed', nextAttemptAt: null, sentAt: null });
      }
    }
    const failed = await admin.get('/api/notification-deliveries?status=failed&pageSize=500');
    expect(failed.json<{ items: DeliveryJson[] }>().items.map((d) => d.channelId)).toContain(channel.id);
    // A failed delivery is never attempted again.
    env.clock.advance(24 * 3_600_000);
    robot.setMode(path, 'ok');
    await deps.notifications.deliverDue();
    expect(robot.received(path)).toHaveLength(MAX_ATTEMPTS);
  });

  it('shows a notification in the inbox of its recipient only, who alone can mark it read', async () => {
    const owner = await buildUser(env.database.db, { username: 'inboxowner', unitId, roles: ['staff'] });
    await buildUser(env.database.db, { username: 'inboxother', unitId, roles: ['staff'] });
    const mine = await login(app, 'inboxowner');
    const other = await login(app, 'inboxother');

    await deps.notifications.notify(null, { kind: 'reminder', title: '巡查提醒', body: '请于今日完成巡查', link: null, userIds: [owner.id] });
    const inbox = (await mine.get('/api/notifications')).json<InboxJson>();
    expect(inbox.unread).toBe(1);
    expect(inbox.total).toBe(1);
    const item = inbox.items[0]!;
    expect(item).toMatchObject({ kind: 'reminder', title: '巡查提醒', body: '请于今日完成巡查', link: null, readAt: null });

    const othersInbox = (await other.get('/api/notifications')).json<InboxJson>();
    expect(othersInbox).toMatchObject({ total: 0, unread: 0, items: [] });
    // Another user's read call changes nothing.
    expect((await other.send('POST', `/api/notifications/${item.id}/read`)).statusCode).toBe(200);
    expect((await other.send('POST', '/api/notifications/read-all')).statusCode).toBe(200);
    const still = (await mine.get('/api/notifications')).json<InboxJson>();
    expect(still.unread).toBe(1);
    expect(still.items[0]).toMatchObject({ id: item.id, readAt: null });

    // The read call needs the CSRF token of the session.
    const noCsrf = await app.inject({ method: 'POST', url: `/api/notifications/${item.id}/read`, cookies: { zo_sid: mine.cookie } });
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
    expect((await mine.get('/api/notifications')).json<InboxJson>().unread).toBe(1);

    const readAt = env.clock.now().toISOString();
    expect((await mine.send('POST', `/api/notifications/${item.id}/read`)).json()).toEqual({ ok: true });
    const after = (await mine.get('/api/notifications')).json<InboxJson>();
    expect(after.unread).toBe(0);
    expect(after.items[0]).toMatchObject({ id: item.id, readAt });
    expect((await mine.get('/api/notifications?unread=true')).json<InboxJson>()).toMatchObject({ total: 0, items: [] });

    // Marking it again keeps the first read time.
    env.clock.advance(60_000);
    await mine.send('POST', `/api/notifications/${item.id}/read`);
    expect((await mine.get('/api/notifications')).json<InboxJson>().items[0]!.readAt).toBe(readAt);
  });

  it('refuses channel administration without notifications.channels, and validates channel bodies', async () => {
    await buildUser(env.database.db, { username: 'nochannels', unitId, roles: ['staff'] });
    const staff = await login(app, 'nochannels');
    const list = await staff.get('/api/notification-channels');
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('FORBIDDEN');
    const create = await staff.send('POST', '/api/notification-channels', { kind: 'wecom', name: 'x', target: `${robot.base}/wecom/nope` });
    expect(create.statusCode).toBe(403);
    expect((await staff.get('/api/notification-deliveries')).statusCode).toBe(403);

    const bad = await admin.send('POST', '/api/notification-channels', { kind: 'wecom', name: '缺少地址' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.json<{ details: { path: string }[] }>().details.map((d) => d.path)).toContain('body.target');
    const names = (await admin.get('/api/notification-channels')).json<ChannelJson[]>().map((c) => c.name);
    expect(names).not.toContain('缺少地址');
  });
});
