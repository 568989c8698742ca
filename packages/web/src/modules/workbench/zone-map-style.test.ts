import { describe, expect, it } from 'vitest';
import { featureStyle, kindOf, landUseColour, landUsesPresent, UNKNOWN_LAND_USE_COLOUR } from './zone-map-style.ts';

describe('zone map style', () => {
  it('recognises the feature kinds', () => {
    expect(kindOf({ kind: 'plot' })).toBe('plot');
    expect(kindOf({ kind: 'lake' })).toBeNull();
    expect(kindOf(null)).toBeNull();
  });

  it('fills plots by land use', () => {
    expect(featureStyle({ kind: 'plot', landUse: 'industrial' }).fillColor).toBe(landUseColour('industrial'));
    expect(featureStyle({ kind: 'plot', landUse: 'mystery' }).fillColor).toBe(UNKNOWN_LAND_USE_COLOUR);
  });

  it('draws the boundary as an outline only', () => {
    expect(featureStyle({ kind: 'boundary' }).fill).toBe(false);
  });

  it('lists the land uses present, known ones first', () => {
    const f = (properties: Record<string, unknown>) => ({ properties });
    expect(
      landUsesPresent([
        f({ kind: 'plot', landUse: 'zeta' }),
        f({ kind: 'plot', landUse: 'green' }),
        f({ kind: 'plot', landUse: 'industrial' }),
        f({ kind: 'road', landUse: 'residential' }),
        f({ kind: 'plot', landUse: 'industrial' }),
      ]),
    ).toEqual(['industrial', 'green', 'zeta']);
  });
});
