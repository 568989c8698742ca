// Official documents (公文) per GB/T 9704-2012 from an editable Word template: the public surface of this folder.
export type { Block, OfficialDocument } from './official-document.ts';
export {
  defaultTemplatePath,
  loadTemplate,
  officeTemplatePath,
  officialDate,
  renderOfficialDocument,
  templateTags,
  validateTemplate,
} from './official-document.ts';
export { chineseNumeral, numberHeadings } from './blocks.ts';
export { attachmentHeader, DOCX_MIME, MAX_IMPORT_BYTES, sendDocx, sendXlsx, withWorkbookBodies, workbookBody } from './download.ts';
