// The photos of a visit: attachments of the entity 'serviceVisit' (purpose 'photo'), shown as thumbnails and
// uploaded from the phone on site too (the capture time comes from the file).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Empty, Flex, Image, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { upload } from '../../app/api.ts';
import type { Attachment } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';

const contentUrl = (a: Pick<Attachment, 'id'>) => `/api/attachments/${a.id}/content`;

/** POST /api/attachments (multipart): the text fields first, the server checks them before it stores the file. */
function uploadVisitPhoto(visitId: string, file: File, onProgress: (percent: number) => void): Promise<Attachment> {
  const form = new FormData();
  form.append('entityType', 'serviceVisit');
  form.append('entityId', visitId);
  form.append('purpose', 'photo');
  if (file.lastModified) form.append('takenAt', new Date(file.lastModified).toISOString());
  form.append('file', file, file.name);
  return upload<Attachment>('POST', '/api/attachments', form, { onProgress });
}

export function VisitPhotos({ visitId, canUpload, onUploaded }: { visitId: string; canUpload: boolean; onUploaded?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, reload } = useApiGet<Attachment[]>('/api/attachments', { entityType: 'serviceVisit', entityId: visitId });
  const [percent, setPercent] = useState<number | null>(null);
  const photos = data ?? [];

  const send = async (file: File) => {
    setPercent(0);
    try {
      await uploadVisitPhoto(visitId, file, setPercent);
      void message.success(t('service.visits.photos.uploaded', { name: file.name }));
      reload();
      onUploaded?.();
    } catch (err) {
      report(err);
    } finally {
      setPercent(null);
    }
  };

  return (
    <div data-testid="visit-photos">
      {canUpload && (
        <Upload
          accept="image/png,image/jpeg,image/gif,image/webp"
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={percent !== null} style={{ marginBottom: 12 }} data-testid="visit-photo-upload">
            {percent !== null ? `${percent}%` : t('service.visits.photos.upload')}
          </Button>
        </Upload>
      )}
      {photos.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.visits.photos.none')} />
      ) : (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {photos.map((a) => (
              <Image key={a.id} src={contentUrl(a)} alt={a.filename} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </div>
  );
}
