// Official documents (公文, GB/T 9704-2012) rendered from an editable Word template with docxtemplater.
// The template holds the fixed parts as tags ({issuer}, {title}, {#recipients}…); the body arrives as generated
// WordprocessingML in {@rawBlocks}, built from blocks whose headings are numbered here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docxtemplater, { type DXT } from 'docxtemplater';
import PizZip from 'pizzip';
import { validationError, type FieldIssue } from '../errors.ts';
import { BlockError, blocksXml, numberHeadings, type Block } from './blocks.ts';
import { paragraphStyles } from './template-xml.ts';

export type { Block } from './blocks.ts';

export interface OfficialDocument {
  /** 发文机关标志, e.g. 某某经济开发区管理委员会文件. */
  issuer: string;
  /** 发文字号, e.g. 某开管〔2026〕12号. */
  docNumber?: string;
  /** 标题; a line break splits a long title where the sense allows (梯形 or 菱形). */
  title: string;
  /** 主送机关; the trailing full-width colon is added by the template. */
  recipients?: string;
  blocks: Block[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期: a Date (taken in Asia/Shanghai), an ISO date, or text already written out. */
  date: Date | string;
  /** 抄送 (版记). */
  copyTo?: string;
  /** 印发机关 (版记). */
  printedBy?: string;
  /** 印发日期 (版记); the document's date when absent. */
  printedDate?: Date | string;
}

export const defaultTemplatePath = fileURLToPath(new URL('./templates/official.docx', import.meta.url));

/** Where an office's edited template lives inside the data folder; it wins over the bundled one. */
export const officeTemplatePath = (dataDir: string) => join(dataDir, 'templates', 'official.docx');

/** The template to render with: `path` when given, else DATA_DIR/templates/official.docx when present, else the bundled default. */
export async function loadTemplate(path?: string, dataDir?: string): Promise<Buffer> {
  if (path) return readFile(path);
  if (dataDir && existsSync(officeTemplatePath(dataDir))) return readFile(officeTemplatePath(dataDir));
  return readFile(defaultTemplatePath);
}

/** The tags a template may use, and those it must have for a document to be complete. */
export const templateTags = ['issuer', 'docNumber', 'title', 'recipients', 'rawBlocks', 'signature', 'date', 'copyTo', 'printedBy', 'printedDate', 'hasRecord'];
const requiredTags = ['title', 'rawBlocks'];

const templateError = (problems: string[]) => validationError(problems.map((message): FieldIssue => ({ path: 'template', message })));

interface TemplateProblem {
  properties?: { explanation?: string; file?: string; errors?: TemplateProblem[] };
  message?: string;
}

/** docxtemplater's errors (unclosed tags, unbalanced loops, a raw tag sharing its paragraph) as one clear message. */
function describeTemplateError(err: unknown): string[] | undefined {
  const e = err as TemplateProblem;
  if (!e?.properties) return undefined;
  const list = e.properties.errors ?? [e];
  return list.slice(0, 5).map((x) => `${x.properties?.explanation ?? x.message}${x.properties?.file ? ` (${x.properties.file})` : ''}`);
}

interface FoundTag {
  name: string;
  module: string | null;
}

/** Collects every tag of every templated part while docxtemplater compiles. */
function tagCollector(found: Map<string, FoundTag>): DXT.Module {
  const walk = (parts: DXT.Part[]) => {
    for (const part of parts) {
      if (part.type !== 'placeholder') continue;
      found.set(`${part.value}|${part.module ?? ''}`, { name: part.value, module: part.module ?? null });
      if (part.subparsed) walk(part.subparsed);
    }
  };
  return {
    name: 'TagCollector',
    postparse(parsed: DXT.Part[]) {
      walk(parsed);
      return parsed;
    },
  };
}

function checkTags(found: Iterable<FoundTag>): void {
  const problems: string[] = [];
  const tags = [...found];
  for (const t of tags) {
    if (!templateTags.includes(t.name)) problems.push(`unknown tag {${t.name}}; a template may use ${templateTags.map((n) => `{${n}}`).join(' ')}`);
    else if (t.name === 'rawBlocks' && t.module !== 'rawxml') problems.push('the body tag must be written {@rawBlocks}, alone in its paragraph');
  }
  for (const name of requiredTags) {
    if (!tags.some((t) => t.name === name)) problems.push(`the template has no ${name === 'rawBlocks' ? '{@rawBlocks}' : `{${name}}`} tag`);
  }
  if (problems.length) throw templateError(problems);
}

/** Adds the paragraph styles the generated body refers to when an office's template lacks them. */
function ensureStyles(zip: PizZip): void {
  const file = zip.file('word/styles.xml');
  if (!file) return;
  const xml = file.asText();
  const missing = [...paragraphStyles].filter(([id]) => !xml.includes(`w:styleId="${id}"`)).map(([, def]) => def);
  if (missing.length && xml.includes('</w:styles>')) zip.file('word/styles.xml', xml.replace('</w:styles>', `${missing.join('')}</w:styles>`));
}

function compile(template: Buffer): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    throw templateError(['not a Word document (.docx)']);
  }
  if (!zip.file('word/document.xml')) throw templateError(['not a Word document (.docx): word/document.xml is missing']);
  ensureStyles(zip);
  const found = new Map<string, FoundTag>();
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      stripInvalidXMLChars: true,
      nullGetter: () => '',
      modules: [tagCollector(found)],
    });
  } catch (err) {
    const problems = describeTemplateError(err);
    if (problems) throw templateError(problems);
    throw err;
  }
  checkTags(found.values());
  return doc;
}

/** Checks a template (an office's upload) without rendering: throws VALIDATION_FAILED naming each problem. */
export function validateTemplate(template: Buffer): void {
  compile(template);
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' });

/** A date as 公文 writes it, in Arabic numerals without leading zeros: 2026年11月23日. */
export function officialDate(date: Date | string): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw validationError([{ path: 'date', message: 'invalid date' }]);
    const parts = Object.fromEntries(shanghaiDate.formatToParts(date).map((p) => [p.type, p.value]));
    return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日`;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  return iso ? `${iso[1]}年${Number(iso[2])}月${Number(iso[3])}日` : date.trim();
}

const withoutTrailing = (text: string | undefined, marks: RegExp) => (text ?? '').trim().replace(marks, '');

function templateData(doc: OfficialDocument): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  for (const key of ['issuer', 'title', 'signature'] as const) {
    if (typeof doc[key] !== 'string' || (key === 'title' && !doc.title.trim())) issues.push({ path: key, message: 'required text' });
  }
  if (!Array.isArray(doc.blocks)) issues.push({ path: 'blocks', message: 'must be a list' });
  if (issues.length) throw validationError(issues);
  let rawBlocks: string;
  try {
    rawBlocks = blocksXml(numberHeadings(doc.blocks));
  } catch (err) {
    if (err instanceof BlockError) throw validationError([{ path: err.path, message: err.message }]);
    throw err;
  }
  const copyTo = withoutTrailing(doc.copyTo, /[。．.，,；;]+$/);
  const printedBy = doc.printedBy?.trim() ?? '';
  return {
    issuer: doc.issuer.trim(),
    docNumber: doc.docNumber?.trim() ?? '',
    title: doc.title.trim(),
    recipients: withoutTrailing(doc.recipients, /[：:]+$/),
    rawBlocks,
    signature: doc.signature.trim(),
    date: officialDate(doc.date),
    copyTo: copyTo && `${copyTo}。`,
    printedBy,
    printedDate: officialDate(doc.printedDate ?? doc.date),
    hasRecord: Boolean(copyTo || printedBy),
  };
}

/** Renders an official document (.docx) from the template (by default the bundled one). */
export async function renderOfficialDocument(doc: OfficialDocument, template?: Buffer): Promise<Buffer> {
  const data = templateData(doc);
  const compiled = compile(template ?? (await loadTemplate()));
  try {
    compiled.render(data);
  } catch (err) {
    const problems = describeTemplateError(err);
    if (problems) throw templateError(problems);
    throw err;
  }
  return compiled.toBuffer({ compression: 'DEFLATE' });
}
