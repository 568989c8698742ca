import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { isValidUscc } from '@zoneops/shared';
import { buildDemoZone } from './demo-data.ts';

const zone = buildDemoZone();

/** Even-odd ray casting, written independently of the generator so the test does not trust its own subject. */
function inside(point: readonly number[], ring: readonly (readonly number[])[]): boolean {
  const [x = NaN, y = NaN] = point;
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function boundaryRing(): number[][] {
  const boundary = zone.geo.filter((f) => f.kind === 'boundary');
  expect(boundary).toHaveLength(1);
  const geometry = boundary[0]?.geometry;
  if (geometry?.type !== 'Polygon') throw new Error('boundary is not a polygon');
  const ring = geometry.coordinates[0];
  if (!ring) throw new Error('boundary has no ring');
  return ring;
}

describe('buildDemoZone', () => {
  it('is deterministic', () => {
    expect(buildDemoZone()).toEqual(buildDemoZone());
  });

  describe('units', () => {
    const keys = new Set(zone.units.map((u) => u.key));

    it('has unique keys and codes, and every parent exists', () => {
      expect(keys.size).toBe(zone.units.length);
      expect(new Set(zone.units.map((u) => u.code)).size).toBe(zone.units.length);
      for (const u of zone.units) if (u.parentKey !== null) expect(keys, u.key).toContain(u.parentKey);
    });

    it('forms a forest without cycles, rooted at the administration and the city departments', () => {
      const parent = new Map(zone.units.map((u) => [u.key, u.parentKey]));
      for (const u of zone.units) {
        const seen = new Set<string>();
        let k: string | null = u.key;
        while (k !== null) {
          expect(seen.has(k), `cycle through ${k}`).toBe(false);
          seen.add(k);
          k = parent.get(k) ?? null;
        }
      }
      const roots = zone.units.filter((u) => u.parentKey === null);
      expect(roots.map((u) => u.kind).sort()).toEqual(['administration', 'external', 'external', 'external']);
      expect(zone.units.find((u) => u.key === 'admin')?.parentKey).toBeNull();
    });

    it('has at least 12 departments and exactly 3 streets', () => {
      expect(zone.units.filter((u) => u.kind === 'bureau' || u.kind === 'office').length).toBeGreaterThanOrEqual(12);
      const streets = zone.units.filter((u) => u.kind === 'street').map((u) => u.key);
      expect(streets.sort()).toEqual(['streetDuxun', 'streetGulei', 'streetShaxi']);
    });

    it('sorts siblings in increasing order', () => {
      const byParent = new Map<string | null, number[]>();
      for (const u of zone.units) byParent.set(u.parentKey, [...(byParent.get(u.parentKey) ?? []), u.sort]);
      for (const sorts of byParent.values()) expect(new Set(sorts).size).toBe(sorts.length);
    });
  });

  describe('users', () => {
    const unitKeys = new Set(zone.units.map((u) => u.key));

    it('has 55–75 users with unique usernames, existing units and known positions', () => {
      expect(zone.users.length).toBeGreaterThanOrEqual(55);
      expect(zone.users.length).toBeLessThanOrEqual(75);
      expect(new Set(zone.users.map((u) => u.username)).size).toBe(zone.users.length);
      for (const u of zone.users) {
        expect(unitKeys, u.username).toContain(u.unitKey);
        expect(zone.positions, u.username).toContain(u.position);
        expect(u.username).toMatch(/^[a-z][a-z0-9]*$/);
        expect(u.phone).toMatch(/^1[3-9]\d{9}$/);
        expect(u.email.startsWith(`${u.username}@`)).toBe(true);
      }
    });

    it('starts with the fixed demo accounts and their roles', () => {
      const fixed: [string, string[]][] = [
        ['sysadmin', ['systemAdmin']],
        ['secadmin', ['securityAdmin']],
        ['auditor', ['auditor']],
        ['leader', ['leader']],
        ['construction', ['deptAdmin']],
        ['emergency', ['deptAdmin']],
        ['street', ['streetStaff']],
        ['supervisor', ['supervisor']],
        ['enterprise', ['enterpriseUser']],
      ];
      expect(zone.users.slice(0, fixed.length).map((u) => [u.username, u.roles])).toEqual(fixed);
      const byName = new Map(zone.users.map((u) => [u.username, u]));
      expect(byName.get('leader')).toMatchObject({ unitKey: 'admin', position: '管委会主任' });
      expect(byName.get('construction')).toMatchObject({ unitKey: 'construction', position: '局长' });
      expect(byName.get('street')?.unitKey).toBe('streetGulei');
      expect(byName.get('enterprise')?.enterpriseIndex).toBe(0);
    });

    it('ends with the fixed accounts of later modules, so that the generated names before them do not shift', () => {
      expect(zone.users.slice(-8).map((u) => [u.username, u.unitKey, u.roles])).toEqual([
        ['statistician', 'statistics', ['statistician']],
        ['zhaoshang', 'promotion', ['promotionAdmin']],
        ['zsstaff', 'promotion', ['staff']],
        ['qyfw', 'enterpriseService', ['serviceAdmin']],
        ['cadre', 'economy', ['liaisonCadre']],
        ['anjian', 'emergencySafety', ['safetyOfficer']],
        ['fengbi', 'emergencySafety', ['parkOfficer']],
        ['kaohe', 'personnelAssessment', ['assessor']],
      ]);
      expect(zone.users.filter((u) => u.roles.includes('statistician'))).toHaveLength(1);
      // Every fixed account (the README's demo logins) is marked so that start-up prints it; no generated one is.
      expect(zone.users.filter((u) => u.fixed).map((u) => u.username)).toEqual([
        ...['sysadmin', 'secadmin', 'auditor', 'leader', 'construction', 'emergency', 'street', 'supervisor', 'enterprise'],
        ...['statistician', 'zhaoshang', 'zsstaff', 'qyfw', 'cadre', 'anjian', 'fengbi', 'kaohe'],
      ]);
      const readme = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8');
      for (const u of zone.users.filter((x) => x.fixed)) expect(readme, u.username).toContain(`\`${u.username}\``);
      // The first generated (pseudo-random) user keeps the name it had before the statistician was added.
      expect(zone.users[9]).toMatchObject({ displayName: '谢杰', unitKey: 'admin', position: '党工委书记' });
    });

    it('binds enterprise users to an enterprise and its street', () => {
      const bound = zone.users.filter((u) => u.roles.includes('enterpriseUser'));
      expect(bound.map((u) => u.enterpriseIndex)).toEqual([0, 1, 2, 3, 4]);
      for (const u of bound) expect(u.unitKey).toBe(zone.enterprises[u.enterpriseIndex ?? -1]?.streetKey);
      const others = zone.users.filter((u) => !u.roles.includes('enterpriseUser'));
      for (const u of others) {
        expect(u.enterpriseIndex).toBeUndefined();
        expect(u.email.endsWith('@gulei.gov.cn')).toBe(true);
      }
    });
  });

  describe('enterprises', () => {
    it('has 190–210 enterprises with unique names and unique valid USCCs', () => {
      const { enterprises } = zone;
      expect(enterprises.length).toBeGreaterThanOrEqual(190);
      expect(enterprises.length).toBeLessThanOrEqual(210);
      expect(new Set(enterprises.map((e) => e.name)).size).toBe(enterprises.length);
      expect(new Set(enterprises.map((e) => e.uscc)).size).toBe(enterprises.length);
      for (const e of enterprises) expect(isValidUscc(e.uscc), `${e.name} ${e.uscc}`).toBe(true);
    });

    it('places every enterprise inside the boundary, in one of the streets', () => {
      const ring = boundaryRing();
      const streets = new Set(zone.units.filter((u) => u.kind === 'street').map((u) => u.key));
      for (const e of zone.enterprises) {
        expect(inside([e.lng, e.lat], ring), e.name).toBe(true);
        expect(streets).toContain(e.streetKey);
      }
    });

    it('uses the dictionary codes and has every status', () => {
      const industries = ['petrochemical', 'fineChemical', 'newMaterials', 'logistics', 'energy', 'equipment', 'services'];
      const tags = ['aboveScale', 'highTech', 'specialised', 'littleGiant', 'chainLeader'];
      for (const e of zone.enterprises) {
        expect(industries).toContain(e.industry);
        for (const t of e.tags) expect(tags).toContain(t);
      }
      const statuses = new Set(zone.enterprises.map((e) => e.status));
      expect([...statuses].sort()).toEqual(['deregistered', 'movedOut', 'operating', 'suspended']);
    });
  });

  describe('geo', () => {
    it('has a closed boundary and closed plots inside it, with unique codes', () => {
      const ring = boundaryRing();
      expect(ring.length).toBeGreaterThanOrEqual(13);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const plots = zone.geo.filter((f) => f.kind === 'plot');
      expect(plots.length).toBeGreaterThanOrEqual(20);
      expect(new Set(plots.map((p) => p.properties.code)).size).toBe(plots.length);
      for (const p of plots) {
        if (p.geometry.type !== 'Polygon') throw new Error(`${p.name} is not a polygon`);
        const plotRing = p.geometry.coordinates[0] ?? [];
        expect(plotRing[0]).toEqual(plotRing[plotRing.length - 1]);
        for (const pt of plotRing) expect(inside(pt, ring), p.name).toBe(true);
      }
    });

    it('has roads and rivers as line strings inside the bounding box', () => {
      const lines = zone.geo.filter((f) => f.kind === 'road' || f.kind === 'river');
      expect(lines.filter((f) => f.kind === 'river')).toHaveLength(2);
      for (const f of lines) {
        if (f.geometry.type !== 'LineString') throw new Error(`${f.name} is not a line`);
        for (const [lng = 0, lat = 0] of f.geometry.coordinates) {
          expect(lng).toBeGreaterThanOrEqual(117.57);
          expect(lng).toBeLessThanOrEqual(117.66);
          expect(lat).toBeGreaterThanOrEqual(23.72);
          expect(lat).toBeLessThanOrEqual(23.82);
        }
      }
    });
  });
});
