// The parts of the default official-document template (templates/official.docx) as WordprocessingML.
// scripts/make-official-template.ts zips them; the renderer adds any of these styles that an office's own template
// lacks, so generated blocks keep their look in any template.
import { charSpacing, charsPerLine, charWidth, fonts, halfPoints, linePitch, mm, page, pt, red, styleIds, textWidth } from './layout.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

type Font = (typeof fonts)[keyof typeof fonts];
const rFonts = (f: Font) => `<w:rFonts w:ascii="${f.name}" w:hAnsi="${f.name}" w:eastAsia="${f.name}" w:cs="${f.name}"/>`;
const size = (points: number) => `<w:sz w:val="${halfPoints(points)}"/><w:szCs w:val="${halfPoints(points)}"/>`;

/** The signature and the date are centred on one axis, the date ending about four characters from the right. */
export const signatureAxis = Math.round(textWidth - 7.5 * (textWidth / charsPerLine));

const exact = (twips: number, before = 0, after = 0) => `<w:spacing w:before="${before}" w:after="${after}" w:line="${twips}" w:lineRule="exact"/>`;
const single = (before = 0, after = 0) => `<w:spacing w:before="${before}" w:after="${after}" w:line="240" w:lineRule="auto"/>`;
const noGrid = '<w:snapToGrid w:val="0"/>';
/** Space above the issuer mark so that its top stands 35 mm below the top of the text block (less the line's leading). */
const issuerTop = mm(35) - 140;

interface StyleDef {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  pPr?: string;
  rPr?: string;
  extra?: string;
}

const defs: StyleDef[] = [
  {
    id: 'Normal',
    name: 'Normal',
    // No extra space between Chinese and Latin or digits: 2026年11月23日 stays tight, as printed documents have it.
    pPr: `<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/>`,
    extra: '<w:qFormat/>',
  },
  { id: styleIds.body, name: '公文正文', basedOn: 'Normal', pPr: `<w:ind w:firstLineChars="200" w:firstLine="${2 * charWidth}"/>`, extra: '<w:qFormat/>' },
  { id: styleIds.h1, name: 'heading 1', basedOn: styleIds.body, next: styleIds.body, pPr: '<w:keepNext/><w:outlineLvl w:val="0"/>', rPr: rFonts(fonts.hei) },
  { id: styleIds.h2, name: 'heading 2', basedOn: styleIds.body, next: styleIds.body, pPr: '<w:keepNext/><w:outlineLvl w:val="1"/>', rPr: rFonts(fonts.kai) },
  { id: styleIds.h3, name: 'heading 3', basedOn: styleIds.body, next: styleIds.body, pPr: '<w:keepNext/><w:outlineLvl w:val="2"/>' },
  { id: styleIds.h4, name: 'heading 4', basedOn: styleIds.body, next: styleIds.body, pPr: '<w:keepNext/><w:outlineLvl w:val="3"/>' },
  {
    id: 'IssuerMark',
    name: '发文机关标志',
    basedOn: 'Normal',
    pPr: `${noGrid}${single(issuerTop, 2 * linePitch)}<w:jc w:val="center"/>`,
    // 小初, drawn at 80 % width so that a full name such as 某某经济技术开发区管理委员会文件 stays on one line.
    rPr: `${rFonts(fonts.title)}<w:color w:val="${red}"/><w:w w:val="80"/>${size(pt.xiaochu)}`,
  },
  {
    id: 'DocNumber',
    name: '发文字号',
    basedOn: 'Normal',
    pPr: `<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="11" w:color="${red}"/></w:pBdr><w:jc w:val="center"/>`,
  },
  {
    id: 'Title',
    name: 'Title',
    basedOn: 'Normal',
    next: 'Recipients',
    pPr: `${noGrid}${exact(linePitch, 2 * linePitch, linePitch)}<w:jc w:val="center"/>`,
    rPr: `${rFonts(fonts.title)}${size(pt.er)}`,
  },
  { id: 'Recipients', name: '主送机关', basedOn: 'Normal', next: styleIds.body },
  {
    id: 'Signature',
    name: '发文机关署名',
    basedOn: 'Normal',
    // Two blank lines above leave room for the seal, which overlaps the signature and the date.
    pPr: `<w:keepNext/><w:tabs><w:tab w:val="center" w:pos="${signatureAxis}"/></w:tabs>${exact(linePitch, 2 * linePitch)}`,
  },
  { id: 'SignDate', name: '成文日期', basedOn: 'Normal', pPr: `<w:tabs><w:tab w:val="center" w:pos="${signatureAxis}"/></w:tabs>` },
  { id: styleIds.tableText, name: '表格文字', basedOn: 'Normal', pPr: `${noGrid}${single()}<w:jc w:val="center"/>`, rPr: size(pt.si) },
  { id: styleIds.tableHeading, name: '表格标题行', basedOn: styleIds.tableText, pPr: '<w:keepNext/>', rPr: '<w:b/><w:bCs/>' },
  { id: styleIds.tableSpacer, name: '表格间隔', basedOn: 'Normal', pPr: `${noGrid}${exact(Math.round(linePitch / 2))}` },
  { id: 'Record', name: '版记', basedOn: 'Normal', pPr: `${noGrid}${single(60, 60)}<w:jc w:val="left"/>`, rPr: size(pt.si) },
  {
    id: 'Footer',
    name: 'footer',
    basedOn: 'Normal',
    pPr: `${noGrid}${exact(pt.si * 20)}<w:ind w:right="${pt.si * 20}"/><w:jc w:val="right"/>`,
    rPr: `${rFonts(fonts.song)}${size(pt.si)}`,
  },
  { id: 'FooterEven', name: '偶数页页脚', basedOn: 'Footer', pPr: `<w:ind w:left="${pt.si * 20}" w:right="0"/><w:jc w:val="left"/>` },
];

function styleXml(d: StyleDef): string {
  const isDefault = d.id === 'Normal' ? ' w:default="1"' : '';
  const custom = /^(Normal|Title|Footer|Heading\d)$/.test(d.id) ? '' : ' w:customStyle="1"';
  return (
    `<w:style w:type="paragraph"${isDefault}${custom} w:styleId="${d.id}"><w:name w:val="${d.name}"/>` +
    (d.basedOn ? `<w:basedOn w:val="${d.basedOn}"/>` : '') +
    (d.next ? `<w:next w:val="${d.next}"/>` : '') +
    (d.extra ?? '') +
    (d.pPr ? `<w:pPr>${d.pPr}</w:pPr>` : '') +
    (d.rPr ? `<w:rPr>${d.rPr}</w:rPr>` : '') +
    '</w:style>'
  );
}

/** The paragraph styles by id, in the order a style's base comes before it. */
export const paragraphStyles: ReadonlyMap<string, string> = new Map(defs.map((d) => [d.id, styleXml(d)]));

export function stylesPart(): string {
  return (
    `${header}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>${rFonts(fonts.body)}<w:spacing w:val="${charSpacing}"/>${size(pt.san)}` +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
    `<w:pPrDefault><w:pPr>${exact(linePitch)}</w:pPr></w:pPrDefault></w:docDefaults>` +
    [...paragraphStyles.values()].join('') +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '</w:styles>'
  );
}

const t = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const p = (style: string, body: string, pPr = '') => `<w:p><w:pPr><w:pStyle w:val="${style}"/>${pPr}</w:pPr>${body}</w:p>`;
const tag = (text: string) => `<w:p>${t(text)}</w:p>`;

/** The 版记 (copy-to and printing office), a table held at the foot of the last page's text block. */
function recordTable(): string {
  const first = 5 * pt.si * 20; // 左空一字 + 抄送：
  const last = 13 * pt.si * 20; // 2026年11月23日印发 + 右空一字, with room to spare
  const middle = textWidth - first - last;
  const thick = (side: string) => `<w:${side} w:val="single" w:sz="8" w:space="0" w:color="000000"/>`;
  const tc = (width: number, span: number, body: string) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}</w:tcPr>${body}</w:tc>`;
  const indent = pt.si * 20;
  return (
    '<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="240" w:bottomFromText="0" w:vertAnchor="margin" ' +
    'w:horzAnchor="margin" w:tblpXSpec="center" w:tblpYSpec="bottom"/><w:tblOverlap w:val="never"/>' +
    `<w:tblW w:w="${textWidth}" w:type="dxa"/><w:tblBorders>${thick('top')}${thick('bottom')}` +
    '<w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>' +
    `<w:tblGrid><w:gridCol w:w="${first}"/><w:gridCol w:w="${middle}"/><w:gridCol w:w="${last}"/></w:tblGrid>` +
    '<w:tr>' +
    tc(first, 1, p('Record', t('{#copyTo}抄送：'), `<w:ind w:left="${indent}"/>`)) +
    tc(middle + last, 2, p('Record', t('{copyTo}{/copyTo}'), `<w:ind w:right="${indent}"/>`)) +
    '</w:tr><w:tr>' +
    tc(first + middle, 2, p('Record', t('{#printedBy}{printedBy}'), `<w:ind w:left="${indent}"/>`)) +
    tc(last, 1, p('Record', t('{printedDate}印发{/printedBy}'), `<w:ind w:right="${indent}"/><w:jc w:val="right"/>`)) +
    '</w:tr></w:tbl>'
  );
}

export function documentPart(): string {
  const sectPr =
    '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>' +
    `<w:pgSz w:w="${page.width}" w:h="${page.height}"/>` +
    `<w:pgMar w:top="${page.top}" w:right="${page.right}" w:bottom="${page.bottom}" w:left="${page.left}" w:header="${page.header}" w:footer="${page.footer}" w:gutter="0"/>` +
    `<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="${linePitch}"/></w:sectPr>`;
  return (
    `${header}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>` +
    p('IssuerMark', t('{issuer}')) +
    p('DocNumber', t('{docNumber}')) +
    p('Title', t('{title}')) +
    tag('{#recipients}') +
    p('Recipients', t('{recipients}：')) +
    tag('{/recipients}') +
    p(styleIds.body, t('{@rawBlocks}')) +
    p('Signature', `<w:r><w:tab/></w:r>${t('{signature}')}`) +
    p('SignDate', `<w:r><w:tab/></w:r>${t('{date}')}`) +
    tag('{#hasRecord}') +
    recordTable() +
    tag('{/hasRecord}') +
    // Word anchors the floating 版记 to the paragraph after it; keep that paragraph tiny.
    p('Normal', '', `${noGrid}${exact(20)}<w:rPr><w:sz w:val="2"/></w:rPr>`) +
    sectPr +
    '</w:body></w:document>'
  );
}

/** Page number "— 1 —" in 4号 宋体: odd pages right, even pages left, one character in from the edge. */
export function footerPart(even: boolean): string {
  const field =
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  return `${header}<w:ftr xmlns:w="${W}" xmlns:r="${R}">${p(even ? 'FooterEven' : 'Footer', `${t('— ')}${field}${t(' —')}`)}</w:ftr>`;
}

export function fontTablePart(): string {
  const font = (f: Font, family: string, pitch: string) =>
    `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`;
  return (
    `${header}<w:fonts xmlns:w="${W}">` +
    font(fonts.body, 'modern', 'fixed') +
    font(fonts.bodyFallback, 'modern', 'fixed') +
    font(fonts.title, 'auto', 'variable') +
    font(fonts.song, 'auto', 'variable') +
    font(fonts.hei, 'modern', 'fixed') +
    font(fonts.kai, 'modern', 'fixed') +
    '</w:fonts>'
  );
}

export function settingsPart(): string {
  return (
    `${header}<w:settings xmlns:w="${W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="${2 * charWidth}"/>` +
    '<w:evenAndOddHeaders/><w:drawingGridVerticalSpacing w:val="' +
    linePitch +
    '"/><w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
  );
}

const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OD = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

export function templateParts(created: string): Record<string, string> {
  return {
    '[Content_Types].xml':
      `${header}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/word/document.xml" ContentType="${CT}.wordprocessingml.document.main+xml"/>` +
      `<Override PartName="/word/styles.xml" ContentType="${CT}.wordprocessingml.styles+xml"/>` +
      `<Override PartName="/word/settings.xml" ContentType="${CT}.wordprocessingml.settings+xml"/>` +
      `<Override PartName="/word/fontTable.xml" ContentType="${CT}.wordprocessingml.fontTable+xml"/>` +
      `<Override PartName="/word/footer1.xml" ContentType="${CT}.wordprocessingml.footer+xml"/>` +
      `<Override PartName="/word/footer2.xml" ContentType="${CT}.wordprocessingml.footer+xml"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`,
    '_rels/.rels':
      `${header}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${OD}/officeDocument" Target="word/document.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${OD}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    'word/_rels/document.xml.rels':
      `${header}<Relationships xmlns="${PKG}"><Relationship Id="rIdStyles" Type="${OD}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rIdSettings" Type="${OD}/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="${OD}/fontTable" Target="fontTable.xml"/>` +
      `<Relationship Id="rIdFooterOdd" Type="${OD}/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="${OD}/footer" Target="footer2.xml"/></Relationships>`,
    'word/document.xml': documentPart(),
    'word/styles.xml': stylesPart(),
    'word/settings.xml': settingsPart(),
    'word/fontTable.xml': fontTablePart(),
    'word/footer1.xml': footerPart(false),
    'word/footer2.xml': footerPart(true),
    'docProps/core.xml':
      `${header}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
      'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>公文模板（GB/T 9704-2012）</dc:title>' +
      `<dc:creator>ZoneOps</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created></cp:coreProperties>`,
    'docProps/app.xml': `${header}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ZoneOps</Application></Properties>`,
  };
}
