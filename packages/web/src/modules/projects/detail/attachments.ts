// Uploads a file to a project record (POST /api/attachments, multipart) with progress: progress photos on the
// project ('project', 'photo') and evidence on a milestone ('projectMilestone', 'evidence').
import { upload } from '../../../app/api.ts';
import type { Attachment } from '../../../app/contract.ts';

export const contentUrl = (a: Pick<Attachment, 'id'>) => `/api/attachments/${a.id}/content`;

export function uploadAttachment(
  target: { entityType: 'project' | 'projectMilestone'; entityId: string; purpose: 'photo' | 'evidence' | 'document' },
  file: File,
  opts: { place?: string; onProgress?: (percent: number) => void } = {},
): Promise<Attachment> {
  const form = new FormData();
  // the text fields first: the server checks them before it stores the file
  form.append('entityType', target.entityType);
  form.append('entityId', target.entityId);
  form.append('purpose', target.purpose);
  // a photo taken on site carries its capture time as the file's modification time
  if (target.purpose === 'photo' && file.lastModified) form.append('takenAt', new Date(file.lastModified).toISOString());
  if (opts.place?.trim()) form.append('place', opts.place.trim().slice(0, 200));
  form.append('file', file, file.name);
  return upload<Attachment>('POST', '/api/attachments', form, { onProgress: opts.onProgress });
}
