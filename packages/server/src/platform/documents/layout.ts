// GB/T 9704-2012 page layout of an official document (公文), in Word's units, shared by the template script,
// the block builder and the tests so that the numbers live in one place.

/** Millimetres to twips (1/1440 inch), the unit of WordprocessingML page geometry. */
export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

/** Font sizes in points by their Chinese name (字号). */
export const pt = { xiaochu: 36, er: 22, san: 16, si: 14, xiaosi: 12, wu: 10.5 } as const;

/** Point size to WordprocessingML half-points (w:sz). */
export const halfPoints = (points: number): number => Math.round(points * 2);

export const page = {
  width: mm(210),
  height: mm(297),
  top: mm(37),
  bottom: mm(35),
  /** Binding margin (订口). */
  left: mm(28),
  right: mm(26),
  header: mm(15),
  /** The page number's em dash stands 7 mm below the text block: 35 − 7 mm to its top, minus one 4号 line. */
  footer: mm(35 - 7) - Math.round(pt.si * 20),
} as const;

export const textWidth = page.width - page.left - page.right; // 156 mm
export const textHeight = page.height - page.top - page.bottom; // 225 mm

export const linesPerPage = 22;
export const charsPerLine = 28;
/** Exact line pitch: 22 lines in the 225 mm text block (≈ 28.95 pt). */
export const linePitch = Math.floor(textHeight / linesPerPage);
/**
 * 28 characters a line: each 3号 character is drawn a fifth of a point narrower (w:spacing, in 1/20 pt). Word's own
 * character grid (docGrid linesAndChars) does the same in Word, but LibreOffice (7.4) gives each character two grid cells.
 */
export const charSpacing = Math.floor(textWidth / charsPerLine - pt.san * 20);

/** One 3号 character, the unit of indents (首行缩进二字, 右空四字). */
export const charWidth = pt.san * 20;

export const red = 'FF0000';

/** Font families with the fallback Word uses when the first is not installed (fontTable w:altName). */
export const fonts = {
  body: { name: '仿宋_GB2312', alt: '仿宋', panose: '02010609030101010101' },
  bodyFallback: { name: '仿宋', alt: 'FangSong', panose: '02010609060101010101' },
  title: { name: '方正小标宋简体', alt: '宋体', panose: '02000000000000000000' },
  song: { name: '宋体', alt: 'SimSun', panose: '02010600030101010101' },
  hei: { name: '黑体', alt: 'SimHei', panose: '02010609060101010101' },
  kai: { name: '楷体', alt: 'KaiTi', panose: '02010609060101010101' },
} as const;

/** Paragraph styles of the template; generated blocks refer to them, so an office restyles by editing the template. */
export const styleIds = {
  body: 'Body',
  h1: 'Heading1',
  h2: 'Heading2',
  h3: 'Heading3',
  h4: 'Heading4',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  tableSpacer: 'TableSpacer',
} as const;
