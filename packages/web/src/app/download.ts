// Downloads an export (xlsx) through fetch so that errors come back as ApiError instead of a broken file.
import { requestRaw, type Query } from './api.ts';

/** The file name from a Content-Disposition header (RFC 6266, with the UTF-8 filename* form first). */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // malformed escape: try the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadExport(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await requestRaw('GET', path, { query });
  saveBlob(await res.blob(), fileNameFromDisposition(res.headers.get('content-disposition'), fallbackName));
}

/** A document made from a POSTed body (a bulletin as docx). */
export async function downloadPosted(path: string, body: unknown, fallbackName: string): Promise<void> {
  const res = await requestRaw('POST', path, { body });
  saveBlob(await res.blob(), fileNameFromDisposition(res.headers.get('content-disposition'), fallbackName));
}
