// Attachments: files and photos (with when and where they were taken) attached to a record of any module.
import { z } from 'zod';
import { idSchema, plainText } from './common.ts';

/** The kind of record a file is attached to, as its module registered it (e.g. 'ledgerItem'). */
export const attachmentEntityType = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,59}$/, 'not an entity type');
/** What the file is for on that record (e.g. 'evidence', 'sitePhoto'); the module may restrict the list. */
export const attachmentPurpose = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/, 'not a purpose');

// Form fields arrive as strings: coordinates are decimal numbers in text.
const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/, 'not a decimal number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/** The text fields of POST /api/attachments (multipart/form-data, beside exactly one file part named "file"). */
export const attachmentUploadFields = z
  .object({
    entityType: attachmentEntityType,
    entityId: idSchema,
    purpose: attachmentPurpose.default('document'),
    takenAt: z.iso.datetime({ offset: true }).optional(),
    lat: coordinate(-90, 90).optional(),
    lng: coordinate(-180, 180).optional(),
    place: plainText(200).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.lng === undefined)) {
      ctx.addIssue({ code: 'custom', path: [v.lat === undefined ? 'lat' : 'lng'], message: 'give both lat and lng, or neither' });
    }
  });
export type AttachmentUploadFields = z.infer<typeof attachmentUploadFields>;

export const attachmentListQuery = z
  .object({
    entityType: attachmentEntityType,
    entityId: idSchema,
    purpose: attachmentPurpose.optional(),
  })
  .strict();

export const attachmentSchema = z.object({
  id: idSchema,
  entityType: z.string(),
  entityId: idSchema,
  purpose: z.string(),
  filename: z.string(),
  /** The type sniffed from the content, not the one the client declared. */
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  takenAt: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  place: z.string().nullable(),
  uploadedBy: idSchema.nullable(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;
