// The geofences page renders (server-side, first paint) in both languages with the list, the filters and the rule
// settings tab; the form renders for each kind's fields with a geofence as the server answers it (parsed by its
// schema from @zoneops/shared). Effects do not run here: nothing is fetched and Leaflet is not loaded.
import { beforeAll, describe, expect, it } from 'vitest';
import { geofenceSchema } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../../app/test-fixtures.tsx';
import GeofencesPage from '../GeofencesPage.tsx';
import { GeofenceForm } from './GeofenceForm.tsx';
import { RuleSettingsForm } from './RuleSettingsForm.tsx';

const route = geofenceSchema.parse({
  id: U(1),
  kind: 'route',
  name: '危化品专用道',
  geometry: {
    type: 'LineString',
    coordinates: [
      [117.5, 23.7],
      [117.6, 23.7],
    ],
  },
  widthM: 40,
  speedLimitKmh: null,
  capacity: null,
  active: true,
  bbox: [117.5, 23.7, 117.6, 23.7],
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
});
const noop = () => undefined;

describe.each(['zh-CN', 'en-US'] as const)('the geofences page in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });
  const untranslated = /parkGeofences\.[a-zA-Z]+/;

  it('renders the list with its filters, export and the new button', () => {
    const out = renderAs(adminMe, <GeofencesPage />, '/park/geofences');
    for (const id of ['park-geofences-page', 'geofence-filters', 'geofence-filter-kind', 'geofence-export', 'geofence-new', 'geofence-table'])
      expect(out, id).toContain(`data-testid="${id}"`);
    expect(out).toContain(zh ? '电子围栏' : 'Geofences');
    expect(out).toContain(zh ? '规则设置' : 'Rule settings');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the form of a route with its width and the drawing tools', () => {
    const out = renderAs(adminMe, <GeofenceForm editing={route} vertices={[]} onVertices={noop} onDrawing={noop} onSaved={noop} onCancel={noop} />);
    for (const id of ['geofence-form', 'geofence-form-width', 'geofence-form-paste', 'geofence-form-save']) expect(out, id).toContain(`data-testid="${id}"`);
    expect(out).not.toContain('data-testid="geofence-form-capacity"');
    expect(out).toContain(zh ? '在地图上依次点击路线的各点' : 'Click the points of the route on the map in order');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the rule settings form', () => {
    const out = renderAs(adminMe, <RuleSettingsForm manage />);
    for (const id of ['rule-settings-form', 'rule-settings-defaultSpeedLimitKmh', 'rule-settings-parkedOutsideMinutes', 'rule-settings-save'])
      expect(out, id).toContain(`data-testid="${id}"`);
    expect(out).toContain(zh ? '园区默认限速' : 'Default park speed limit');
    expect(out).not.toMatch(untranslated);
  });
});
