import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  defaultTemplatePath,
  loadTemplate,
  officeTemplatePath,
  officialDate,
  renderOfficialDocument,
  sendDocx,
  validateTemplate,
  type OfficialDocument,
} from './index.ts';
import { templateParts } from './template-xml.ts';

const buildDocument = (overrides: Partial<OfficialDocument> = {}): OfficialDocument => ({
  issuer: '某某经济开发区管理委员会文件',
  docNumber: '某开管〔2026〕12号',
  title: '关于通报重点项目推进情况的通知',
  recipients: '各园区管理办公室，管委会各部门：',
  blocks: [
    { kind: 'p', text: '现将有关情况通报如下。' },
    { kind: 'h1', text: '总体情况' },
    { kind: 'h2', text: '开工情况' },
    { kind: 'p', text: '项目 <A&B> 已开工。' },
    { kind: 'h2', text: '投资排名' },
    {
      kind: 'table',
      columns: ['序号', '园区', '完成投资', '完成率'],
      rows: [
        [1, '化工园区', '336,420.50', '87.4%'],
        [2, '装备制造园区', '248,130.00', '83.8%'],
      ],
    },
    { kind: 'h1', text: '工作要求' },
    { kind: 'h2', text: '压实责任' },
    { kind: 'h3', text: '建立专班' },
    { kind: 'h4', text: '每周调度' },
  ],
  signature: '某某经济开发区管理委员会',
  date: '2026-11-23',
  copyTo: '区党工委办公室，区人大工委',
  printedBy: '某某经济开发区管理委员会办公室',
  ...overrides,
});

const parts = (docx: Buffer) => {
  const zip = new PizZip(docx);
  const text = (name: string) => zip.file(name)?.asText() ?? '';
  return { document: text('word/document.xml'), styles: text('word/styles.xml'), fonts: text('word/fontTable.xml'), zip, text };
};

/** Paragraph texts of a WordprocessingML part, with the style of each. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[1]!)?.[1],
    text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));

const style = (styles: string, id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(styles)?.[0] ?? '';

/** The bundled template with one part changed, as an office's broken edit would be. */
const editedTemplate = (file: string, edit: (xml: string) => string) => {
  const zip = new PizZip(readFileSync(defaultTemplatePath));
  zip.file(file, edit(zip.file(file)!.asText()));
  return zip.generate({ type: 'nodebuffer' });
};

const templateFailure = async (template: Buffer) => {
  const err = await renderOfficialDocument(buildDocument(), template).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION_FAILED');
  return (err as AppError).message;
};

describe('official document', () => {
  it('lays out the page per GB/T 9704: A4, margins 37/35/28/26 mm, 22 lines of 28 characters', async () => {
    const { document, styles } = parts(await renderOfficialDocument(buildDocument()));
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    const margin = (side: string) => Number(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`).exec(document)?.[1]);
    const mm = (twips: number) => (twips * 25.4) / 1440;
    expect(mm(margin('top'))).toBeCloseTo(37, 1);
    expect(mm(margin('bottom'))).toBeCloseTo(35, 1);
    expect(mm(margin('left'))).toBeCloseTo(28, 1);
    expect(mm(margin('right'))).toBeCloseTo(26, 1);
    expect(mm(11906 - margin('left') - margin('right'))).toBeCloseTo(156, 0);
    expect(mm(16838 - margin('top') - margin('bottom'))).toBeCloseTo(225, 0);
    expect(document).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    // 3号 仿宋 body on an exact 28.95 pt line, each character a quarter point narrower so that 28 fit in 156 mm.
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toContain('w:eastAsia="仿宋_GB2312"');
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toContain('<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>');
    const spacing = Number(/<w:spacing w:val="(-?\d+)"\/>/.exec(defaults)![1]);
    expect(28 * (16 + spacing / 20)).toBeLessThanOrEqual((156 / 25.4) * 72);
    expect(29 * (16 + spacing / 20)).toBeGreaterThan((156 / 25.4) * 72);
  });

  it('uses the fonts of the standard, with fallbacks named in the font table', async () => {
    const { styles, fonts } = parts(await renderOfficialDocument(buildDocument()));
    expect(style(styles, 'Title')).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/);
    expect(style(styles, 'Title')).toContain('<w:jc w:val="center"/>');
    expect(style(styles, 'Heading1')).toMatch(/w:eastAsia="黑体"/);
    expect(style(styles, 'Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(style(styles, 'Heading2')).toMatch(/w:eastAsia="楷体"/);
    expect(style(styles, 'Body')).toContain('<w:ind w:firstLineChars="200" w:firstLine="640"/>');
    expect(style(styles, 'TableHeading')).toContain('<w:b/>');
    expect(style(styles, 'Footer')).toMatch(/w:eastAsia="宋体".*<w:sz w:val="28"\/>/);
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="仿宋"><w:altName w:val="FangSong"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei"/>');
  });

  it('puts the red issuer mark, the document number over a red line, the title and the recipients in order', async () => {
    const { document, styles } = parts(await renderOfficialDocument(buildDocument()));
    const list = paragraphs(document);
    expect(list.slice(0, 4)).toEqual([
      { style: 'IssuerMark', text: '某某经济开发区管理委员会文件' },
      { style: 'DocNumber', text: '某开管〔2026〕12号' },
      { style: 'Title', text: '关于通报重点项目推进情况的通知' },
      // The template adds the colon; the one given is not doubled.
      { style: 'Recipients', text: '各园区管理办公室，管委会各部门：' },
    ]);
    expect(style(styles, 'IssuerMark')).toMatch(/<w:jc w:val="center"\/>.*<w:color w:val="FF0000"\/>/);
    expect(style(styles, 'DocNumber')).toContain('<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="11" w:color="FF0000"/></w:pBdr>');
    expect(document).not.toMatch(/\{[#/@]?\w+\}/);
  });

  it('numbers headings 一、（一）1.（1） and escapes text', async () => {
    const { document } = parts(await renderOfficialDocument(buildDocument()));
    const list = paragraphs(document).filter((p) => p.style?.startsWith('Heading') || p.style === 'Body');
    expect(list.map((p) => `${p.style}:${p.text}`)).toEqual([
      'Body:现将有关情况通报如下。',
      'Heading1:一、总体情况',
      'Heading2:（一）开工情况',
      'Body:项目 <A&B> 已开工。'.replace('<A&B>', '&lt;A&amp;B&gt;'),
      'Heading2:（二）投资排名',
      'Heading1:二、工作要求',
      'Heading2:（一）压实责任',
      'Heading3:1.建立专班',
      'Heading4:（1）每周调度',
    ]);
    expect(document).not.toContain('<A&B>');
  });

  it('renders tables with borders, a repeated header row and 4号 text', async () => {
    const { document } = parts(await renderOfficialDocument(buildDocument()));
    const table = /<w:tbl><w:tblPr><w:tblW.*?<\/w:tbl>/.exec(document)![0];
    expect(table.match(/<w:tr>/g)).toHaveLength(3);
    expect(table).toContain('<w:tblHeader/>');
    expect(table).toContain('<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>');
    expect(table).toContain('<w:sz w:val="28"/>');
    expect(paragraphs(table).map((p) => p.text)).toEqual([
      '序号',
      '园区',
      '完成投资',
      '完成率',
      '1',
      '化工园区',
      '336,420.50',
      '87.4%',
      '2',
      '装备制造园区',
      '248,130.00',
      '83.8%',
    ]);
  });

  it('signs and dates at the bottom right in Arabic numerals, with the 版记 and page numbers', async () => {
    const docx = await renderOfficialDocument(buildDocument());
    const { document, text } = parts(docx);
    const list = paragraphs(document);
    expect(list.find((p) => p.style === 'Signature')?.text).toBe('某某经济开发区管理委员会');
    expect(list.find((p) => p.style === 'SignDate')?.text).toBe('2026年11月23日');
    expect(list.filter((p) => p.style === 'Record').map((p) => p.text)).toEqual([
      '抄送：',
      '区党工委办公室，区人大工委。',
      '某某经济开发区管理委员会办公室',
      '2026年11月23日印发',
    ]);
    expect(document).toContain('w:tblpYSpec="bottom"');
    for (const footer of ['word/footer1.xml', 'word/footer2.xml']) {
      expect(text(footer)).toMatch(/— <\/w:t>.*<w:instrText xml:space="preserve"> PAGE <\/w:instrText>.*<w:t xml:space="preserve"> —<\/w:t>/);
    }
    expect(text('word/footer2.xml')).toContain('w:val="FooterEven"');
    expect(text('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('leaves out what is not given: recipients, document number, 版记', async () => {
    const { document } = parts(
      await renderOfficialDocument(buildDocument({ recipients: undefined, docNumber: undefined, copyTo: undefined, printedBy: undefined })),
    );
    const list = paragraphs(document);
    expect(list.some((p) => p.style === 'Recipients')).toBe(false);
    expect(list.find((p) => p.style === 'DocNumber')?.text).toBe(''); // the red line stays
    expect(document).not.toContain('<w:tbl><w:tblPr><w:tblpPr');
    expect(document).not.toContain('抄送');
  });

  it('writes dates as 2026年11月23日, a Date taken in Asia/Shanghai', () => {
    expect(officialDate('2026-11-23')).toBe('2026年11月23日');
    expect(officialDate('2026-01-05')).toBe('2026年1月5日');
    expect(officialDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026年11月23日');
    expect(officialDate('二〇二六年十一月')).toBe('二〇二六年十一月');
    expect(() => officialDate(new Date('x'))).toThrow(AppError);
  });

  it('refuses a document without a title, or with a malformed table, naming the field', async () => {
    const noTitle = await renderOfficialDocument(buildDocument({ title: ' ' })).catch((e: unknown) => e);
    expect((noTitle as AppError).message).toBe('title: required text');
    const badTable = await renderOfficialDocument(buildDocument({ blocks: [{ kind: 'table', columns: ['a'], rows: [['1', '2']] }] })).catch((e: unknown) => e);
    expect((badTable as AppError).code).toBe('VALIDATION_FAILED');
    expect((badTable as AppError).message).toBe('blocks.0.rows.0: has 2 cells; the table has 1 columns');
  });
});

describe('templates', () => {
  it('the committed template is what scripts/make-official-template.ts writes', () => {
    const committed = new PizZip(readFileSync(defaultTemplatePath));
    for (const [name, xml] of Object.entries(templateParts('2026-01-01T00:00:00Z'))) expect(committed.file(name)?.asText(), name).toBe(xml);
  });

  it('explains an unclosed tag', async () => {
    const message = await templateFailure(editedTemplate('word/document.xml', (xml) => xml.replace('{title}', '{title')));
    expect(message).toMatch(/^template: The tag beginning with "\{title" is unclosed \(word\/document\.xml\)/);
  });

  it('explains an unbalanced section', async () => {
    const message = await templateFailure(editedTemplate('word/document.xml', (xml) => xml.replace('{/recipients}', '')));
    expect(message).toContain('The loop with tag "recipients" is unclosed');
  });

  it('names a missing body tag, a misspelt tag and a body tag without @', async () => {
    expect(await templateFailure(editedTemplate('word/document.xml', (xml) => xml.replace('{@rawBlocks}', '')))).toContain(
      'the template has no {@rawBlocks} tag',
    );
    expect(await templateFailure(editedTemplate('word/document.xml', (xml) => xml.replace('{title}', '{titel}')))).toMatch(
      /unknown tag \{titel\}.*the template has no \{title\} tag/,
    );
    expect(await templateFailure(editedTemplate('word/document.xml', (xml) => xml.replace('{@rawBlocks}', '{rawBlocks}')))).toContain(
      'the body tag must be written {@rawBlocks}',
    );
    expect(await templateFailure(Buffer.from('not a zip'))).toBe('template: not a Word document (.docx)');
    expect(() => validateTemplate(readFileSync(defaultTemplatePath))).not.toThrow();
  });

  it('adds the body styles an office template lacks, and keeps the ones it has', async () => {
    const template = editedTemplate('word/styles.xml', (xml) =>
      xml.replace(/<w:style [^>]*w:styleId="Heading1">.*?<\/w:style>/, '').replace('w:eastAsia="楷体"', 'w:eastAsia="华文楷体"'),
    );
    const { styles } = parts(await renderOfficialDocument(buildDocument(), template));
    expect(style(styles, 'Heading1')).toMatch(/w:eastAsia="黑体"/);
    expect(style(styles, 'Heading2')).toMatch(/w:eastAsia="华文楷体"/);
  });

  it("loads an office's template from the data folder before the bundled one", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zoneops-docs-'));
    const bundled = readFileSync(defaultTemplatePath);
    expect((await loadTemplate(undefined, dataDir)).equals(bundled)).toBe(true);
    expect((await loadTemplate()).equals(bundled)).toBe(true);
    mkdirSync(join(dataDir, 'templates'));
    const own = editedTemplate('word/document.xml', (xml) => xml.replace('{issuer}', '某某开发区管委会文件'));
    writeFileSync(officeTemplatePath(dataDir), own);
    expect((await loadTemplate(undefined, dataDir)).equals(own)).toBe(true);
    expect((await loadTemplate(defaultTemplatePath, dataDir)).equals(bundled)).toBe(true);
    const { document } = parts(await renderOfficialDocument(buildDocument({ issuer: '' }), await loadTemplate(undefined, dataDir)));
    expect(paragraphs(document)[0]).toEqual({ style: 'IssuerMark', text: '某某开发区管委会文件' });
  });
});

describe('download', () => {
  it('sends the document with its Chinese file name', async () => {
    const docx = await renderOfficialDocument(buildDocument());
    const app = Fastify();
    app.get('/doc', (_request, reply) => sendDocx(reply, '关于通报(第3期)', docx));
    const res = await app.inject({ method: 'GET', url: '/doc' });
    await app.close();
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="____(_3_).docx"; filename*=UTF-8''%E5%85%B3%E4%BA%8E%E9%80%9A%E6%8A%A5%28%E7%AC%AC3%E6%9C%9F%29.docx`,
    );
    expect(res.rawPayload.equals(docx)).toBe(true);
  });
});
