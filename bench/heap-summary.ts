// What a V8 heap snapshot (.heapsnapshot, as Chromium's HeapProfiler.takeHeapSnapshot writes it) holds, by kind: the
// engine's compiled code (bytecode and machine code: what grows while functions warm up and tier up, not the page's
// data), the page's JavaScript data (objects, arrays, closures, numbers, shapes), strings, and the browser's native
// objects (DOM, layout, the performance timeline). The big-screen benchmark prints one line per snapshot so that the
// growth of "heap used" can be told apart: code warming up is not the page keeping what it should let go.
import { readFileSync } from 'node:fs';

export interface HeapSummary {
  /** Self sizes in KB. */
  codeKB: number;
  dataKB: number;
  stringsKB: number;
  nativeKB: number;
  totalKB: number;
  /** Node counts of the page's JavaScript data (objects, arrays, closures). */
  dataObjects: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);
const DATA_TYPES = new Set(['object', 'array', 'closure', 'number', 'object shape', 'regexp', 'hidden', 'bigint', 'symbol']);
const COUNTED = new Set(['object', 'array', 'closure']);

export function summariseSnapshot(parsed: Snapshot): HeapSummary {
  const fields = parsed.snapshot.meta.node_fields;
  const types = parsed.snapshot.meta.node_types[0];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iSize = fields.indexOf('self_size');
  let code = 0;
  let data = 0;
  let strings = 0;
  let native = 0;
  let objects = 0;
  for (let i = 0; i < parsed.nodes.length; i += width) {
    const type = types[parsed.nodes[i + iType]!]!;
    const size = parsed.nodes[i + iSize]!;
    if (type === 'code') code += size;
    else if (STRING_TYPES.has(type)) strings += size;
    else if (DATA_TYPES.has(type)) {
      data += size;
      if (COUNTED.has(type)) objects += 1;
    } else native += size;
  }
  const kb = (n: number) => Math.round(n / 1024);
  return {
    codeKB: kb(code),
    dataKB: kb(data),
    stringsKB: kb(strings),
    nativeKB: kb(native),
    totalKB: kb(code + data + strings + native),
    dataObjects: objects,
  };
}

export const summariseSnapshotFile = (file: string): HeapSummary => summariseSnapshot(JSON.parse(readFileSync(file, 'utf8')) as Snapshot);

// `node --import tsx bench/heap-summary.ts a.heapsnapshot [b.heapsnapshot …]`: a line per file.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) console.log(file, JSON.stringify(summariseSnapshotFile(file)));
}
