// 形象进度照片: photos of the works by month (attachments of entity type 'project', purpose 'photo'); the owner and the
// responsible units upload them, from a phone on site too (the capture time comes from the file).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Empty, Flex, Image, Input, Space, Tooltip, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Attachment } from '../../../app/contract.ts';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { isImage } from '../../ledger/ledger-ui.ts';
import { byMonth } from '../project-ui.ts';
import { contentUrl, uploadAttachment } from './attachments.ts';

export function Photos({ projectId, canUpload }: { projectId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, reload } = useApiGet<Attachment[]>('/api/attachments', { entityType: 'project', entityId: projectId, purpose: 'photo' });
  const [percent, setPercent] = useState<number | null>(null);
  const [place, setPlace] = useState('');
  const months = byMonth(
    (data ?? []).filter((a) => isImage(a.mime)),
    (at) => formatDate(at).slice(0, 7),
  );

  const send = async (file: File) => {
    setPercent(0);
    try {
      await uploadAttachment({ entityType: 'project', entityId: projectId, purpose: 'photo' }, file, { place, onProgress: setPercent });
      void message.success(t('projects.photos.uploaded', { name: file.name }));
      reload();
    } catch (err) {
      report(err);
    } finally {
      setPercent(null);
    }
  };

  return (
    <div data-testid="project-photos">
      {canUpload && (
        <Space.Compact style={{ marginBottom: 12 }}>
          <Input value={place} onChange={(e) => setPlace(e.target.value)} placeholder={t('projects.photos.place')} style={{ width: 220 }} maxLength={200} />
          <Upload
            accept="image/png,image/jpeg,image/gif,image/webp"
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={percent !== null} data-testid="photo-upload">
              {percent !== null ? `${percent}%` : t('projects.photos.upload')}
            </Button>
          </Upload>
        </Space.Compact>
      )}
      {months.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.photos.none')} />
      ) : (
        <Flex vertical gap={12}>
          {months.map((g) => (
            <Card key={g.month} size="small" title={g.month} extra={t('projects.photos.count', { count: g.items.length })} data-testid={`photos-${g.month}`}>
              <Image.PreviewGroup>
                <Flex wrap gap={8}>
                  {g.items.map((a) => (
                    <Tooltip
                      key={a.id}
                      title={[a.filename, a.place, a.uploadedByName, formatDateTime(a.takenAt ?? a.uploadedAt, false)].filter(Boolean).join(' · ')}
                    >
                      <div>
                        <Image src={contentUrl(a)} alt={a.filename} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 4 }} />
                        <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block', width: 120 }} ellipsis>
                          {formatDate(a.takenAt ?? a.uploadedAt)}
                          {a.place ? ` · ${a.place}` : ''}
                        </Typography.Text>
                      </div>
                    </Tooltip>
                  ))}
                </Flex>
              </Image.PreviewGroup>
            </Card>
          ))}
        </Flex>
      )}
    </div>
  );
}
