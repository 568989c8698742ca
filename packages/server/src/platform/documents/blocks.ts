// The body of an official document as WordprocessingML: headings numbered 一、（一）1.（1）, paragraphs, tables.
// Formatting comes from the template's paragraph styles (layout.styleIds); tables carry their own borders.
import { halfPoints, pt, styleIds, textWidth } from './layout.ts';

export type Block =
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  /** Third and fourth levels (1. and （1）), in the body font. */
  | { kind: 'h3'; text: string }
  | { kind: 'h4'; text: string }
  /** A paragraph; a line break starts a new paragraph. */
  | { kind: 'p'; text: string }
  /** widths are relative weights of the columns (any unit); by default from the longest text of each column. */
  | { kind: 'table'; columns: string[]; rows: (string | number)[][]; widths?: number[] };

export type HeadingKind = 'h1' | 'h2' | 'h3' | 'h4';

const headingLevels: HeadingKind[] = ['h1', 'h2', 'h3', 'h4'];

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for heading numbers). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${digits[hundreds]}百` : '';
  if (tens) out += `${tens === 1 && !hundreds ? '' : digits[tens]}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += digits[ones];
  return out;
}

const numberPrefix =
  /^\s*(?:[一二三四五六七八九十百零]+、|[（(][一二三四五六七八九十百零]+[）)]|\d+[.．、]|[（(]\d+[）)]|第[一二三四五六七八九十百零\d]+[章节条部分])/;

/** Whether a heading's text already carries its own number. */
export const isNumbered = (text: string): boolean => numberPrefix.test(text);

const headingPrefix: Record<HeadingKind, (n: number) => string> = {
  h1: (n) => `${chineseNumeral(n)}、`,
  h2: (n) => `（${chineseNumeral(n)}）`,
  h3: (n) => `${n}.`,
  h4: (n) => `（${n}）`,
};

/** Numbers headings in document order; a level restarts under each heading of a higher level. */
export function numberHeadings(blocks: Block[]): Block[] {
  const counters = [0, 0, 0, 0];
  return blocks.map((block) => {
    const level = headingLevels.indexOf(block.kind as HeadingKind);
    if (level < 0) return block;
    counters[level] = (counters[level] ?? 0) + 1;
    counters.fill(0, level + 1);
    const text = (block as { text: string }).text.trim();
    if (isNumbered(text)) return { ...block, text } as Block;
    return { ...block, text: headingPrefix[block.kind as HeadingKind](counters[level]!) + text } as Block;
  });
}

// XML 1.0 forbids most control characters; a stray one would make Word refuse the whole file.
// eslint-disable-next-line no-control-regex
const invalidXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(invalidXmlChars, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const run = (text: string, rPr = ''): string =>
  text
    .split('\n')
    .map((line) => `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join(`<w:r>${rPr}<w:br/></w:r>`);

const paragraph = (style: string, text: string, pPr = '', rPr = ''): string => `<w:p><w:pPr><w:pStyle w:val="${style}"/>${pPr}</w:pPr>${run(text, rPr)}</w:p>`;

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export class BlockError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Table text size by column count: 4号 up to five columns, then 小四, then 五号. */
export function tableFontSize(columns: number): number {
  return columns <= 5 ? pt.si : columns <= 8 ? pt.xiaosi : pt.wu;
}

/** Width of a text in half-width units: Chinese and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

function columnWidths(block: Extract<Block, { kind: 'table' }>, path: string): number[] {
  const n = block.columns.length;
  const weights =
    block.widths ??
    block.columns.map((header, i) => {
      const longest = Math.max(displayWidth(String(header)), ...block.rows.map((row) => displayWidth(String(row[i] ?? ''))));
      return Math.min(Math.max(longest, 4), 40) + 2;
    });
  if (weights.length !== n) throw new BlockError(`${path}.widths`, `has ${weights.length} widths for ${n} columns`);
  if (weights.some((w) => !(Number.isFinite(w) && w > 0))) throw new BlockError(`${path}.widths`, 'widths must be positive numbers');
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * textWidth));
  widths[n - 1]! += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;

function cell(text: string, width: number, style: string, rPr: string, align: 'center' | 'both'): string {
  const jc = align === 'center' ? '' : '<w:jc w:val="both"/>';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>${paragraph(style, text, jc, rPr)}</w:tc>`;
}

function table(block: Extract<Block, { kind: 'table' }>, path: string): string {
  const n = block.columns.length;
  if (n === 0) throw new BlockError(`${path}.columns`, 'a table needs at least one column');
  block.rows.forEach((row, r) => {
    if (!Array.isArray(row)) throw new BlockError(`${path}.rows.${r}`, 'a row must be a list of cells');
    if (row.length > n) throw new BlockError(`${path}.rows.${r}`, `has ${row.length} cells; the table has ${n} columns`);
  });
  const widths = columnWidths(block, path);
  const size = halfPoints(tableFontSize(n));
  const rPr = `<w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  const header =
    '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' +
    block.columns.map((c, i) => cell(String(c), widths[i]!, styleIds.tableHeading, rPr, 'center')).join('') +
    '</w:tr>';
  const body = block.rows.map((row) => {
    const cells = block.columns.map((_, i) => {
      const v = row[i];
      const text = v === undefined || v === null ? '' : String(v);
      // Numbers and short labels centred, longer text justified: the usual look of a ranking or ledger table.
      return cell(text, widths[i]!, styleIds.tableText, rPr, typeof v === 'number' || text.length <= 12 ? 'center' : 'both');
    });
    return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.join('')}</w:tr>`;
  });
  return (
    '<w:tbl><w:tblPr><w:tblW w:w="' +
    textWidth +
    '" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>' +
    ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('') +
    '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>' +
    '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" ' +
    'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>' +
    widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
    '</w:tblGrid>' +
    header +
    body.join('') +
    '</w:tbl>'
  );
}

const blockStyle: Record<HeadingKind | 'p', string> = { h1: styleIds.h1, h2: styleIds.h2, h3: styleIds.h3, h4: styleIds.h4, p: styleIds.body };

/** The body blocks as WordprocessingML, for the template's {@rawBlocks} tag. Headings must be numbered already. */
export function blocksXml(blocks: Block[]): string {
  const out: string[] = [];
  blocks.forEach((block, i) => {
    const path = `blocks.${i}`;
    if (block.kind === 'table') {
      // Two tables in a row would merge into one in Word: keep a small paragraph between them.
      if (blocks[i - 1]?.kind === 'table') out.push(`<w:p><w:pPr><w:pStyle w:val="${styleIds.tableSpacer}"/></w:pPr></w:p>`);
      out.push(table(block, path));
      return;
    }
    const style = blockStyle[block.kind];
    if (!style) throw new BlockError(`${path}.kind`, `unknown block kind ${JSON.stringify((block as { kind: unknown }).kind)}`);
    if (typeof block.text !== 'string') throw new BlockError(`${path}.text`, 'text must be a string');
    if (block.kind === 'p') for (const line of lines(block.text)) out.push(paragraph(style, line));
    else out.push(paragraph(style, lines(block.text).join(' ')));
  });
  return out.join('');
}
