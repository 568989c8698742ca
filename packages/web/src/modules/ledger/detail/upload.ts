// Uploads a file to an item (POST /api/attachments, multipart) with progress; used by antd Upload's customRequest.
import type { UploadProps } from 'antd';
import { upload } from '../../../app/api.ts';
import type { Attachment } from '../../../app/contract.ts';

export type Purpose = 'evidence' | 'photo' | 'document';

export function uploadToItem(
  itemId: string,
  purpose: Purpose,
  file: File,
  opts: { place?: string; onProgress?: (percent: number) => void } = {},
): Promise<Attachment> {
  const form = new FormData();
  // the text fields first: the server reads the parts in order and checks them before it stores the file
  form.append('entityType', 'ledgerItem');
  form.append('entityId', itemId);
  form.append('purpose', purpose);
  // A photo taken on site and uploaded from the phone carries its capture time as the file's modification time.
  if (purpose === 'photo' && file.lastModified) form.append('takenAt', new Date(file.lastModified).toISOString());
  if (opts.place?.trim()) form.append('place', opts.place.trim().slice(0, 200));
  form.append('file', file, file.name);
  return upload<Attachment>('POST', '/api/attachments', form, { onProgress: opts.onProgress });
}

/** customRequest for antd Upload: the Attachment becomes the file's response. */
export function customRequest(itemId: string, purpose: Purpose, place?: () => string | undefined): NonNullable<UploadProps['customRequest']> {
  return ({ file, onProgress, onSuccess, onError }) => {
    uploadToItem(itemId, purpose, file as File, { place: place?.(), onProgress: (percent) => onProgress?.({ percent }) }).then(
      (a) => onSuccess?.(a),
      (err: unknown) => onError?.(err instanceof Error ? err : new Error(String(err))),
    );
  };
}
