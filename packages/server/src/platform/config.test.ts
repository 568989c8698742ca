import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('takes an optional map tile URL with {z}/{x}/{y}', () => {
    expect(loadConfig({}).mapTileUrl).toBeNull();
    const url = 'https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=KEY';
    expect(loadConfig({ MAP_TILE_URL: url }).mapTileUrl).toBe(url);
    expect(() => loadConfig({ MAP_TILE_URL: 'ftp://tiles/{z}/{x}/{y}.png' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example/no-placeholders.png' })).toThrow(/MAP_TILE_URL/);
  });
});
