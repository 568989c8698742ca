// Writes packages/server/src/platform/documents/templates/official.docx, the default official-document template
// (GB/T 9704-2012), from raw WordprocessingML. Offices edit the result in Word and keep it in DATA_DIR/templates/.
// Run: node --import tsx packages/server/scripts/make-official-template.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';
import { templateParts } from '../src/platform/documents/template-xml.ts';

// A fixed date keeps the file byte-for-byte reproducible.
const stamp = new Date('2026-01-01T00:00:00Z');
const zip = new PizZip();
for (const [name, xml] of Object.entries(templateParts(stamp.toISOString().replace('.000', '')))) zip.file(name, xml, { date: stamp, createFolders: false });
const out = fileURLToPath(new URL('../src/platform/documents/templates/official.docx', import.meta.url));
writeFileSync(out, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }));
console.log(`wrote ${out}`);
