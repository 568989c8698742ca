import { describe, expect, it } from 'vitest';
import { mergeFunding } from './project-sheets.service.ts';

const sources = ['government', 'enterprise', 'bank', 'foreign', 'other'].map((code) => ({ code, label: code }));
const sheet = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, v]) => [k, BigInt(Math.round(v * 100))]));

describe('funding lines after an import', () => {
  const stored = [
    { source: 'government', subSource: 'central', amount: '20000.00' },
    { source: 'enterprise', amount: '60000.00' },
    { source: 'government', subSource: 'local', amount: '10000.00' },
    { source: 'bank', amount: '30000.00' },
  ];

  it('keeps the stored lines, sub-sources and order, while the column sums are unchanged', () => {
    expect(mergeFunding(stored, sheet({ government: 30000, enterprise: 60000, bank: 30000 }), sources)).toEqual(stored);
  });

  it('replaces only the changed columns, keeps the others with their sub-sources, drops emptied ones and adds new ones', () => {
    expect(mergeFunding(stored, sheet({ government: 30000, enterprise: 65000, foreign: 5000 }), sources)).toEqual([
      { source: 'government', subSource: 'central', amount: '20000.00' },
      { source: 'enterprise', amount: '65000.00' },
      { source: 'government', subSource: 'local', amount: '10000.00' },
      { source: 'foreign', amount: '5000.00' },
    ]);
    // a changed column with sub-sources becomes one line of the column
    expect(mergeFunding(stored, sheet({ government: 31000, enterprise: 60000, bank: 30000 }), sources)).toEqual([
      { source: 'government', amount: '31000.00' },
      { source: 'enterprise', amount: '60000.00' },
      { source: 'bank', amount: '30000.00' },
    ]);
  });

  it('gives one line per filled column, in the dictionary order, for a project without lines', () => {
    expect(mergeFunding([], sheet({ bank: 1.5, government: 2 }), sources)).toEqual([
      { source: 'government', amount: '2.00' },
      { source: 'bank', amount: '1.50' },
    ]);
    expect(mergeFunding(stored, new Map(), sources)).toEqual([]);
  });
});
