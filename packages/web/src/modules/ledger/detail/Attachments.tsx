// The files of an item: images as thumbnails (opened large on click), other files as links; evidence upload for the
// lead unit, co-units and supervisors.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Empty, Flex, Image, Select, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import type { Attachment } from '../../../app/contract.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { fileSize, isImage } from '../ledger-ui.ts';
import { uploadToItem, type Purpose } from './upload.ts';

const contentUrl = (a: Pick<Attachment, 'id'>) => `/api/attachments/${a.id}/content`;

/** Mount it with key={item.version}: every change of the item (a check with photos adds files too) reloads the list. */
export function Attachments({ itemId, canUpload, onUploaded }: { itemId: string; canUpload: boolean; onUploaded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, reload } = useApiGet<Attachment[]>('/api/attachments', { entityType: 'ledgerItem', entityId: itemId });
  const [purpose, setPurpose] = useState<Purpose>('evidence');
  const [percent, setPercent] = useState<number | null>(null);
  const files = data ?? [];
  const images = files.filter((a) => isImage(a.mime));
  const others = files.filter((a) => !isImage(a.mime));

  const send = async (file: File) => {
    setPercent(0);
    try {
      await uploadToItem(itemId, purpose, file, { onProgress: setPercent });
      void message.success(t('ledger.files.uploaded', { name: file.name }));
      reload();
      onUploaded();
    } catch (err) {
      report(err);
    } finally {
      setPercent(null);
    }
  };

  const meta = (a: Attachment) =>
    [t(`ledger.files.purposes.${a.purpose}`, { defaultValue: a.purpose }), a.uploadedByName, formatDateTime(a.takenAt ?? a.uploadedAt, false), a.place]
      .filter(Boolean)
      .join(' · ');

  return (
    <Card
      size="small"
      title={t('ledger.files.title')}
      extra={
        canUpload && (
          <Space.Compact>
            <Select<Purpose>
              size="small"
              value={purpose}
              onChange={setPurpose}
              style={{ width: 110 }}
              options={(['evidence', 'photo', 'document'] as const).map((p) => ({ value: p, label: t(`ledger.files.purposes.${p}`) }))}
              data-testid="evidence-purpose"
            />
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                void send(file);
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={percent !== null} data-testid="evidence-upload">
                {percent !== null ? `${percent}%` : t('ledger.files.upload')}
              </Button>
            </Upload>
          </Space.Compact>
        )
      }
      data-testid="item-attachments"
    >
      {files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.files.none')} />
      ) : (
        <Flex vertical gap={8}>
          {images.length > 0 && (
            <Image.PreviewGroup>
              <Flex wrap gap={8}>
                {images.map((a) => (
                  <Tooltip key={a.id} title={`${a.filename} · ${meta(a)}`}>
                    <div style={{ position: 'relative' }}>
                      <Image
                        src={contentUrl(a)}
                        alt={a.filename}
                        width={84}
                        height={84}
                        style={{ objectFit: 'cover', borderRadius: 4 }}
                        data-testid="attachment-thumb"
                      />
                      <Tag
                        color={a.purpose === 'evidence' ? 'green' : 'blue'}
                        style={{ position: 'absolute', left: 2, bottom: 2, margin: 0, fontSize: 11, lineHeight: '16px', padding: '0 4px' }}
                      >
                        {t(`ledger.files.purposes.${a.purpose}`, { defaultValue: a.purpose })}
                      </Tag>
                    </div>
                  </Tooltip>
                ))}
              </Flex>
            </Image.PreviewGroup>
          )}
          {others.map((a) => (
            <Flex key={a.id} gap={8} align="start">
              <FileOutlined style={{ marginTop: 4 }} />
              <div style={{ minWidth: 0 }}>
                <Typography.Link href={contentUrl(a)} target="_blank" rel="noopener" ellipsis style={{ display: 'block' }}>
                  {a.filename}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {meta(a)} · {fileSize(a.size)}
                </Typography.Text>
              </div>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
