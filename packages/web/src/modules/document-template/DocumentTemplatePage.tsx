// The office's official-document template (公文模板, GB/T 9704): every generated bulletin and summary is laid out by it.
// Download the one in use, upload an edited one (the server compiles it and refuses a broken one), or go back to the
// bundled one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Popconfirm, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { api, upload } from '../../app/api.ts';
import { downloadExport } from '../../app/download.ts';
import { useReportError } from '../../app/use-report-error.ts';

const PATH = '/api/documents/official-template';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export default function DocumentTemplatePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      void message.success(done);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('menu.documentTemplate')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('documentTemplate.hint')} description={t('documentTemplate.tags')} />
        <Typography.Paragraph type="secondary">{t('documentTemplate.where')}</Typography.Paragraph>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void downloadExport(PATH, {}, 'official-template.docx').catch(report)}
            data-testid="template-download"
          >
            {t('documentTemplate.download')}
          </Button>
          <Upload
            accept=".docx"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              void run(() => upload('PUT', PATH, f, { contentType: DOCX_MIME }), t('documentTemplate.uploaded'));
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="template-upload">
              {t('documentTemplate.upload')}
            </Button>
          </Upload>
          <Popconfirm title={t('documentTemplate.resetConfirm')} onConfirm={() => void run(() => api.delete(PATH), t('documentTemplate.resetDone'))}>
            <Button icon={<RollbackOutlined />} disabled={busy} data-testid="template-reset">
              {t('documentTemplate.reset')}
            </Button>
          </Popconfirm>
        </Space>
      </Space>
    </Card>
  );
}
