// The passes page renders (server-side, first paint) in both languages, and its parts render the server's answers:
// the fixtures are parsed by the shared schemas, so a change of the contract breaks this test.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTranslation } from 'react-i18next';
import { gatePassDetailSchema, parkCountsSchema, parkVisitPage } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../../app/test-fixtures.tsx';
import PassesPage from '../PassesPage.tsx';
import { CountsRow, VisitRows } from './InPark.tsx';
import { PassDetailView } from './PassDrawer.tsx';
import { FindingTags } from './pass-columns.tsx';

const pass = gatePassDetailSchema.parse({
  id: U(1),
  source: 'platform',
  kind: 'vehicle',
  result: 'flagged',
  direction: 'in',
  plate: '闽E12345',
  vehicleId: U(2),
  vehicleCategory: 'hazmat',
  personId: null,
  personCode: null,
  personName: null,
  checkpointId: U(3),
  checkpointName: '危化品专用卡口',
  deviceId: U(4),
  deviceName: '专用卡口入口',
  laneCode: 'L1',
  deviceTime: '2026-11-23T01:00:00.000Z',
  receivedAt: '2026-11-23T01:00:01.000Z',
  confidence: 96,
  imageCount: 2,
  imagesDropped: 1,
  appointmentId: null,
  appointmentCode: null,
  visitId: U(5),
  findings: [{ code: 'noAppointment', message: '车辆 闽E12345 无入园预约' }],
  eventType: '1157632001',
  droppedImages: [{ name: 'detectionPicture.jpg', reason: 'tooLarge', bytes: 3_000_000 }],
});

const counts = parkCountsSchema.parse({
  at: '2026-11-23T01:00:00.000Z',
  vehicles: 3,
  vehiclesByCategory: [
    { category: 'hazmat', count: 2 },
    { category: 'unregistered', count: 1 },
  ],
  people: 17,
});

const visits = parkVisitPage.parse({
  items: [
    {
      id: U(6),
      subjectKind: 'vehicle',
      plate: '闽E23456',
      vehicleId: U(7),
      vehicleCategory: 'hazmat',
      personId: null,
      personCode: null,
      personName: null,
      appointmentId: U(8),
      appointmentCode: 'YY20261123001',
      enteredAt: '2026-11-23T00:30:00.000Z',
      exitedAt: null,
      entryCheckpointName: '危化品专用卡口',
      exitCheckpointName: null,
    },
  ],
  total: 1,
  page: 1,
  pageSize: 20,
});

beforeAll(() => {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(counts), { status: 200, headers: { 'content-type': 'application/json' } }));
});
afterAll(() => vi.unstubAllGlobals());

function Parts() {
  const { t } = useTranslation();
  return (
    <>
      <CountsRow counts={counts} />
      <PassDetailView pass={pass} />
      <FindingTags findings={pass.findings} t={t} />
      <VisitRows rows={visits.items} t={t} />
    </>
  );
}

describe.each(['zh-CN', 'en-US'] as const)('the passes page in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });
  const untranslated = /parkGate\.[a-zA-Z]+(\.[a-zA-Z]+)*/;

  it('renders without data', () => {
    const out = renderAs(adminMe, <PassesPage />, '/park/passes');
    expect(out).toContain('data-testid="passes-page"');
    expect(out).toContain('data-testid="park-counts"');
    expect(out).toContain('data-testid="passes-table"');
    expect(out).toContain('data-testid="export"');
    expect(out).not.toMatch(untranslated);
  });

  it('shows counts, a pass with its images and findings, and the open visits', () => {
    const out = renderAs(adminMe, <Parts />);
    expect(out).toContain('17');
    expect(out).toContain(zh ? '危化品车辆' : 'Hazmat');
    expect(out).toContain(zh ? '未登记车辆' : 'Unregistered');
    expect(out).toContain(`/api/park/passes/${U(1)}/images/1`);
    expect(out).toContain(zh ? '无预约' : 'No appointment');
    expect(out).toContain('车辆 闽E12345 无入园预约');
    expect(out).toContain(zh ? '1 张图片未保存' : '1 image(s) not kept');
    expect(out).toContain('YY20261123001');
    expect(out).not.toMatch(untranslated);
  });
});
