// Exports as xlsx (exceljs). Identifiers stay text cells; the caller passes rows already masked.
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface ExportColumn<T> {
  header: string;
  key: keyof T & string;
  width?: number;
}

export async function sendXlsx<T extends object>(reply: FastifyReply, filename: string, sheet: string, columns: ExportColumn<T>[], rows: T[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneOps';
  const ws = wb.addWorksheet(sheet);
  ws.columns = [
    { header: '序号', key: '__n', width: 6 },
    ...columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18, style: { numFmt: '@' } })),
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((row, i) => {
    const r = row as Record<string, unknown>;
    const values: Record<string, unknown> = { __n: i + 1 };
    for (const c of columns) {
      const v = r[c.key];
      values[c.key] = Array.isArray(v) ? v.join('、') : v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    }
    ws.addRow(values);
  });
  const buffer = await wb.xlsx.writeBuffer();
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(Buffer.from(buffer));
}

export const EXPORT_LIMIT = 50_000;
