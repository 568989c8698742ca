// 现场核查: the on-site check by a supervisor outside the lead unit, with findings, pass/fail and photos (purpose
// 'photo', uploaded to the item first and then named in the check).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, DatePicker, Form, Input, Modal, Radio, Upload, type ButtonProps, type UploadFile } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../app/api.ts';
import type { Attachment, ItemDetail } from '../../../app/contract.ts';
import { useErrorText } from '../../../app/use-report-error.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { customRequest } from './upload.ts';

interface Values {
  checkedOn: Dayjs;
  place?: string;
  findings: string;
  passed: boolean;
}

export function VerificationModal({
  detail,
  open,
  today,
  onClose,
  onDone,
}: {
  detail: ItemDetail;
  open: boolean;
  today: string;
  onClose: () => void;
  onDone: (d: ItemDetail) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [photos, setPhotos] = useState<UploadFile<Attachment>[]>([]);
  const { form, modalProps } = useModalForm<Values>({
    open,
    onSubmit: async (v) => {
      const attachmentIds = photos.filter((p) => p.status === 'done' && p.response).map((p) => p.response!.id);
      const next = await api.post<ItemDetail>(`/api/ledger-items/${detail.item.id}/verifications`, {
        checkedOn: v.checkedOn.format('YYYY-MM-DD'),
        place: v.place?.trim() || null,
        findings: v.findings.trim(),
        passed: v.passed,
        attachmentIds,
      });
      setPhotos([]);
      onDone(next);
    },
  });
  const uploading = photos.some((p) => p.status === 'uploading');
  return (
    <Modal
      {...modalProps}
      title={t('ledger.verification.title')}
      width={640}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'verification-submit', disabled: uploading } as ButtonProps}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ledger.verification.hint', { unit: detail.item.leadUnitName })} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ checkedOn: dayjs(today), passed: true }}>
        <Form.Item name="checkedOn" label={t('ledger.verification.checkedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="verification-checkedOn" />
        </Form.Item>
        <Form.Item name="place" label={t('ledger.verification.place')} rules={[{ max: 200 }]}>
          <Input data-testid="verification-place" />
        </Form.Item>
        <Form.Item name="findings" label={t('ledger.verification.findings')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="verification-findings" />
        </Form.Item>
        <Form.Item name="passed" label={t('ledger.verification.result')} extra={t('ledger.verification.failHint')}>
          <Radio.Group
            options={[
              { value: true, label: t('ledger.verification.passed') },
              { value: false, label: t('ledger.verification.failed') },
            ]}
            data-testid="verification-passed"
          />
        </Form.Item>
        <Form.Item label={t('ledger.verification.photos')}>
          <Upload<Attachment>
            accept="image/jpeg,image/png,image/webp"
            listType="picture-card"
            multiple
            fileList={photos}
            customRequest={customRequest(detail.item.id, 'photo', () => form.getFieldValue('place') as string | undefined)}
            onChange={({ fileList }) =>
              setPhotos(fileList.map((f) => (f.status === 'error' ? { ...f, response: undefined, error: new Error(errorText(f.error)) } : f)))
            }
            data-testid="verification-photos"
          >
            <div>
              <CameraOutlined />
              <div style={{ marginTop: 4, fontSize: 12 }}>{t('ledger.verification.addPhoto')}</div>
            </div>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
