// The closed-park registry and appointment pages render (server-side first paint) in both languages without
// untranslated keys, and the parts that take data render API answers parsed by the contract's schemas: vehicles with
// a new-energy plate and certificate states, people masked, list entries, terminals, checkpoints with lanes, and an
// appointment's detail with its QR code, history and the actions its `can` allows.
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accessListEntrySchema,
  appointmentDetailSchema,
  parkCheckpointSchema,
  parkPersonSchema,
  parkVehicleSchema,
  positionTerminalSchema,
} from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../../app/test-fixtures.tsx';
import RegistryPage from '../RegistryPage.tsx';
import AppointmentsPage, { AppointmentTable } from '../AppointmentsPage.tsx';
import { AppointmentView } from '../appointments/AppointmentDetail.tsx';
import { RegistryTable } from './RegistryTab.tsx';
import { checkpointsTab, listsTab, peopleTab, terminalsTab, vehiclesTab } from './tabs.tsx';

const html = (element: ReactElement, path = '/park/registry') => renderAs(adminMe, element, path);
const untranslated = /park(Registry|Appointments)\.[a-zA-Z]+/;
const noop = () => undefined;
const at = '2026-11-20T02:00:00.000Z';

const vehicle = parkVehicleSchema.parse({
  id: U(10),
  plate: '闽ED12345',
  plateKind: 'newEnergy',
  plateColor: 'green',
  carrierId: U(11),
  carrierName: '漳州危运物流有限公司',
  category: 'hazmat',
  body: 'tank',
  hazmatClasses: ['3', '8'],
  transportCertNo: '350600123456',
  transportCertExpiresOn: '2026-12-01',
  certState: 'expiring',
  enterpriseId: null,
  enterpriseName: null,
  terminals: [{ id: U(12), protocol: 'jt808', identifier: '13800001111' }],
  createdAt: at,
  updatedAt: at,
});
const person = parkPersonSchema.parse({
  id: U(20),
  kind: 'escort',
  name: '李*',
  idNumber: '3506**********1234',
  phone: '139****2222',
  carrierId: U(11),
  carrierName: '漳州危运物流有限公司',
  enterpriseId: null,
  enterpriseName: null,
  qualificationNo: 'Q-1',
  qualificationExpiresOn: '2026-11-01',
  qualificationState: 'expired',
  personCode: 'P0001',
  createdAt: at,
  updatedAt: at,
});
const entry = accessListEntrySchema.parse({
  id: U(30),
  list: 'black',
  subjectKind: 'vehicle',
  plate: '闽E12345',
  personId: null,
  personName: null,
  reason: '多次违规停放',
  validFrom: at,
  validTo: null,
  revokedAt: null,
  effective: true,
  createdAt: at,
  updatedAt: at,
});
const terminal = positionTerminalSchema.parse({
  id: U(40),
  protocol: 'osmand',
  identifier: 'gate-phone-01',
  vehicleId: U(10),
  plate: '闽ED12345',
  registeredPlate: null,
  protocolVersion: null,
  manufacturer: null,
  model: null,
  registeredAt: at,
  lastSeenAt: at,
  revokedAt: null,
  createdAt: at,
  updatedAt: at,
});
const checkpoint = parkCheckpointSchema.parse({
  id: U(50),
  code: 'KK-01',
  name: '1号危化品专用卡口',
  kind: 'dedicated',
  lanes: [{ code: 'L1', name: '入口', direction: 'in' }],
  allowedCategories: ['hazmat', 'hazardousWaste', 'emergency'],
  lon: null,
  lat: null,
  open: true,
  devices: [],
  createdAt: at,
  updatedAt: at,
});
const appointment = appointmentDetailSchema.parse({
  id: U(60),
  code: 'K7M3QXR9',
  status: 'enterpriseApproved',
  carrierId: U(11),
  carrierName: '漳州危运物流有限公司',
  vehicleId: U(10),
  plate: '闽ED12345',
  vehicleCategory: 'hazmat',
  driverId: U(21),
  driverName: '王师傅',
  driverPhone: '139****1111',
  driverQualificationState: 'valid',
  escortId: U(20),
  escortName: '李押运',
  escortPhone: null,
  cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
  waybillNo: 'YD2026112300001',
  enterpriseId: U(70),
  enterpriseName: '古雷石化有限公司',
  routeId: null,
  routeName: null,
  windowStart: at,
  windowEnd: '2026-11-20T06:00:00.000Z',
  enterpriseApprovedAt: at,
  enterpriseApprovedByName: '古雷调度',
  parkApprovedAt: null,
  parkApprovedByName: null,
  rejectedAt: null,
  rejectedByName: null,
  rejectReason: null,
  createdAt: at,
  createdByName: '古雷调度',
  updatedAt: at,
  can: { enterpriseApprove: false, approve: true, reject: true, cancel: true },
  history: [
    { at, action: 'create', byName: '古雷调度', reason: null },
    { at, action: 'enterpriseApprove', byName: '古雷调度', reason: null },
  ],
});

describe.each(['zh-CN', 'en-US'] as const)('closed-park registry and appointments in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    await initI18n();
    await setLanguage(lang);
  });

  it('renders the registry page with its tabs and the appointments page', () => {
    const out = html(<RegistryPage />);
    expect(out).toContain('data-testid="registry-tab-vehicles"');
    expect(out).toContain('data-testid="checkpoints-create"');
    expect(out).not.toMatch(untranslated);
    const page = html(<AppointmentsPage />, '/park/appointments');
    expect(page).toContain('data-testid="appointment-create"');
    expect(page).not.toMatch(untranslated);
  });

  it('renders rows of every tab from contract answers', () => {
    const run = noop;
    const props = { manage: true, onEdit: noop, onRemove: noop, run, reload: noop };
    const v = html(<RegistryTable spec={vehiclesTab} items={[vehicle]} {...props} />);
    expect(v).toContain('闽ED12345');
    expect(v).toContain(zh ? '新能源' : 'New energy');
    expect(v).toContain(zh ? '30天内到期' : 'Expires within 30 days');
    const p = html(<RegistryTable spec={peopleTab} items={[person]} {...props} />);
    expect(p).toContain('139****2222');
    expect(p).toContain(zh ? '已过期' : 'Expired');
    expect(html(<RegistryTable spec={listsTab} items={[entry]} {...props} />)).toContain(`lists-revoke-${entry.id}`);
    expect(html(<RegistryTable spec={terminalsTab} items={[terminal]} {...props} />)).toContain(`terminals-unbind-${terminal.id}`);
    const c = html(<RegistryTable spec={checkpointsTab} items={[checkpoint]} {...props} />);
    expect(c).toContain(zh ? '专用卡口' : 'Dedicated');
    for (const out of [v, p, c]) expect(out).not.toMatch(untranslated);
  });

  it('renders an appointment: QR code, history and the park’s actions', () => {
    const out = html(<AppointmentView a={appointment} onAction={noop} />);
    expect(out).toContain('K7M3QXR9');
    expect(out).toContain('data-testid="appointment-approve"');
    expect(out).not.toContain('data-testid="appointment-enterprise-approve"');
    expect(out).toContain(zh ? '待园区审批' : 'Awaiting the park');
    expect(out).not.toMatch(untranslated);
    const list = html(<AppointmentTable items={[appointment]} onOpen={noop} />);
    expect(list).toContain('UN1203');
  });
});
