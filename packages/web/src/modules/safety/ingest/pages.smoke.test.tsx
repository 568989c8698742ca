// The ingest page renders (server-side, first paint) in both languages, and its parts render the answers of the
// server as it gives them: the fixtures are parsed by the shared schemas, so a change of the contract breaks this
// test. Effects do not run here (nothing is fetched); the fetch stub answers the same fixtures should one be made.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTranslation } from 'react-i18next';
import { ingestRejectionPage, ingestStatusSchema } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../../app/test-fixtures.tsx';
import IngestPage from '../IngestPage.tsx';
import { IngestStatusView } from './IngestStatusView.tsx';
import { RejectionRows } from './RejectionTable.tsx';

const status = ingestStatusSchema.parse({
  instanceId: 'gulei-1',
  enabled: true,
  startedAt: '2026-11-23T00:00:00.000Z',
  at: '2026-11-23T01:00:00.000Z',
  listeners: {
    mqtt: { mode: 'embedded', port: 1883, url: null, live: true, clients: 1987 },
    hj212: { port: 6012, connections: 12 },
    http: { enabled: true },
  },
  counters: {
    accepted: 21_600_000,
    duplicates: 42,
    rejected: 318,
    acceptedPerSecond: 6012.4,
    batches: 72_000,
    writeFailures: 1,
    queueDepth: 311,
    lastFlushMs: 38.2,
    lastFlushRows: 305,
    lastFlushAt: '2026-11-23T00:59:59.950Z',
  },
  rejectedByReason: [
    { reason: 'badCrc', count: 200 },
    { reason: 'unknownToken', count: 118 },
  ],
  directory: { devices: 2050, points: 6120, loadedAt: '2026-11-23T00:00:01.000Z' },
});

const rejections = ingestRejectionPage.parse({
  items: [
    {
      senderKey: U(5),
      deviceId: U(5),
      deviceName: '1# 罐区采集器',
      deviceKind: 'device',
      enterpriseName: '古雷石化',
      channel: 'mqtt',
      reason: 'badTag',
      count: 12,
      firstAt: '2026-11-22T02:00:00.000Z',
      lastAt: '2026-11-23T00:59:00.000Z',
      lastDetail: '"TT-9" is not a point of 1# 罐区采集器',
    },
    {
      senderKey: 'token:wxyz',
      deviceId: null,
      deviceName: null,
      deviceKind: null,
      enterpriseName: null,
      channel: 'http',
      reason: 'unknownToken',
      count: 3,
      firstAt: '2026-11-23T00:10:00.000Z',
      lastAt: '2026-11-23T00:20:00.000Z',
      lastDetail: null,
    },
    {
      senderKey: 'mn:88888880000001',
      deviceId: null,
      deviceName: null,
      deviceKind: null,
      enterpriseName: null,
      channel: 'hj212',
      reason: 'unknownStation',
      count: 1,
      firstAt: '2026-11-23T00:30:00.000Z',
      lastAt: '2026-11-23T00:30:00.000Z',
      lastDetail: 'MN 88888880000001 from 10.0.0.7',
    },
  ],
  total: 3,
  page: 1,
  pageSize: 20,
});

beforeAll(() => {
  vi.stubGlobal('fetch', async (url: string) => {
    const body = String(url).includes('/rejections') ? rejections : status;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterAll(() => vi.unstubAllGlobals());

function Rows() {
  const { t } = useTranslation();
  return <RejectionRows rows={rejections.items} sortOrder={() => null} onDevice={() => undefined} t={t} />;
}

describe.each(['zh-CN', 'en-US'] as const)('the ingest page in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });
  const untranslated = /safetyIngest\.[a-zA-Z]+(\.[a-zA-Z]+)*/;

  it('renders without data', () => {
    const out = renderAs(adminMe, <IngestPage />, '/safety/ingest');
    expect(out).toContain('data-testid="ingest-page"');
    expect(out).toContain('data-testid="ingest-rejections"');
    expect(out).toContain('data-testid="export"');
    expect(out).not.toMatch(untranslated);
  });

  it('shows rates, counters, the write queue and the listeners', () => {
    const out = renderAs(adminMe, <IngestStatusView status={status} />);
    expect(out).toContain('6,012.4');
    expect(out).toContain('21,600,000');
    expect(out).toContain(zh ? '305 条，38.2 ms' : '305 rows in 38.2 ms');
    expect(out).toContain(zh ? '内置 Broker' : 'Embedded broker');
    expect(out).toContain(zh ? '1987 个连接' : '1987 connections');
    expect(out).toContain(zh ? 'CRC 校验错误' : 'CRC mismatch');
    expect(out).toContain(zh ? '写入失败 1 次' : 'failed writes: 1');
    expect(out).not.toMatch(untranslated);
  });

  it('names each rejection’s sender and reason', () => {
    const out = renderAs(adminMe, <Rows />);
    expect(out).toContain('1# 罐区采集器');
    expect(out).toContain(zh ? '未知令牌（尾号 wxyz）' : 'Unknown token (ending wxyz)');
    expect(out).toContain(zh ? '未登记站点 MN 88888880000001' : 'Unregistered station MN 88888880000001');
    expect(out).toContain(zh ? '未登记位号' : 'Unregistered tag');
    expect(out).toContain('2026-11-23 08:59:00');
    expect(out).not.toMatch(untranslated);
  });
});
