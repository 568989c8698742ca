import { describe, expect, it } from 'vitest';
import { BlockError, blocksXml, chineseNumeral, displayWidth, escapeXml, isNumbered, numberHeadings, tableFontSize, type Block } from './blocks.ts';
import { textWidth } from './layout.ts';

const texts = (blocks: Block[]) => blocks.map((b) => ('text' in b ? b.text : b.kind));

describe('heading numbers', () => {
  it('writes Chinese numerals as documents do', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 999].map(chineseNumeral)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '九百九十九',
    ]);
  });

  it('numbers 一、（一）1.（1） and restarts a level under each higher heading', () => {
    const blocks: Block[] = [
      { kind: 'h1', text: '总体要求' },
      { kind: 'h2', text: '指导思想' },
      { kind: 'p', text: '正文' },
      { kind: 'h2', text: '工作目标' },
      { kind: 'h3', text: '投资' },
      { kind: 'h4', text: '产业类' },
      { kind: 'h4', text: '基础设施类' },
      { kind: 'h3', text: '招商' },
      { kind: 'h1', text: '  主要任务 ' },
      { kind: 'h2', text: '压实责任' },
      { kind: 'h3', text: '专班' },
    ];
    expect(texts(numberHeadings(blocks))).toEqual([
      '一、总体要求',
      '（一）指导思想',
      '正文',
      '（二）工作目标',
      '1.投资',
      '（1）产业类',
      '（2）基础设施类',
      '2.招商',
      '二、主要任务',
      '（一）压实责任',
      '1.专班',
    ]);
  });

  it('keeps a number the text already has, and counts it', () => {
    expect(isNumbered('三、保障措施')).toBe(true);
    expect(isNumbered('(二)强化调度')).toBe(true);
    expect(isNumbered('（12）细则')).toBe(true);
    expect(isNumbered('2．分工')).toBe(true);
    expect(isNumbered('第一章 总则')).toBe(true);
    expect(isNumbered('2026年工作安排')).toBe(false);
    expect(isNumbered('一季度情况')).toBe(false);
    const out = numberHeadings([
      { kind: 'h1', text: '一、已编号' },
      { kind: 'h1', text: '未编号' },
      { kind: 'h1', text: '2026年工作安排' },
    ]);
    expect(texts(out)).toEqual(['一、已编号', '二、未编号', '三、2026年工作安排']);
  });
});

describe('block XML', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0001\u000b`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    const xml = blocksXml([{ kind: 'p', text: '<w:p>注入</w:p> & 更多' }]);
    expect(xml).toContain('&lt;w:p&gt;注入&lt;/w:p&gt; &amp; 更多');
    expect(xml.match(/<w:p>/g)).toHaveLength(1);
  });

  it('gives each line of a paragraph block its own indented paragraph', () => {
    const xml = blocksXml([{ kind: 'p', text: '第一段\n\n第二段' }]);
    expect(xml.match(/<w:pStyle w:val="Body"\/>/g)).toHaveLength(2);
  });

  it('builds a bordered table over the text width with a repeated bold header row', () => {
    const xml = blocksXml([{ kind: 'table', columns: ['序号', '单位', '完成率'], rows: [[1, '化工园区', '87.4%']], widths: [1, 3, 2] }]);
    const cols = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(cols.reduce((a, b) => a + b, 0)).toBe(textWidth);
    expect(cols[1]! / cols[0]!).toBeCloseTo(3, 1);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:tblBorders>.*<w:insideV w:val="single"/);
    expect(xml.match(/w:val="TableHeading"/g)).toHaveLength(3);
    expect(xml).toContain(`<w:sz w:val="${tableFontSize(3) * 2}"/>`);
  });

  it('sizes columns by their longest text when no widths are given', () => {
    const xml = blocksXml([{ kind: 'table', columns: ['序号', '单位名称'], rows: [[1, '某某经济开发区化工园区管理办公室']] }]);
    const cols = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(cols[1]!).toBeGreaterThan(cols[0]! * 3);
    expect(displayWidth('园区A1')).toBe(6);
  });

  it('keeps two tables apart, which Word would otherwise merge', () => {
    const t: Block = { kind: 'table', columns: ['a'], rows: [['1']] };
    expect(blocksXml([t, t])).toMatch(/<\/w:tbl><w:p><w:pPr><w:pStyle w:val="TableSpacer"\/><\/w:pPr><\/w:p><w:tbl>/);
  });

  it('uses smaller text for wide tables', () => {
    expect([3, 5, 6, 8, 9].map(tableFontSize)).toEqual([14, 14, 12, 12, 10.5]);
  });

  it('names the block and row of a malformed table', () => {
    const bad = (block: Block) => {
      try {
        blocksXml([{ kind: 'p', text: 'x' }, block]);
      } catch (err) {
        return err instanceof BlockError ? `${err.path}: ${err.message}` : 'other';
      }
      return 'no error';
    };
    expect(bad({ kind: 'table', columns: ['a', 'b'], rows: [['1', '2', '3']] })).toBe('blocks.1.rows.0: has 3 cells; the table has 2 columns');
    expect(bad({ kind: 'table', columns: ['a', 'b'], rows: [], widths: [1] })).toBe('blocks.1.widths: has 1 widths for 2 columns');
    expect(bad({ kind: 'table', columns: [], rows: [] })).toBe('blocks.1.columns: a table needs at least one column');
    expect(bad({ kind: 'table', columns: ['a'], rows: ['1' as unknown as string[]] })).toBe('blocks.1.rows.0: a row must be a list of cells');
    expect(bad({ kind: 'quote', text: 'x' } as unknown as Block)).toBe('blocks.1.kind: unknown block kind "quote"');
  });
});
