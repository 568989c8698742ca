// 督查通报: a bulletin of a period as an official document (Word, GB/T 9704), made by the server.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, DatePicker, Form, Input, Modal, Row, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Ledger } from '../../app/contract.ts';
import { downloadPosted } from '../../app/download.ts';
import { useModalForm } from '../../app/use-modal-form.ts';

interface Values {
  docNumber?: string;
  title?: string;
  period: [Dayjs, Dayjs];
  recipients?: string;
  issuer?: string;
  highlights?: string;
  nextSteps?: string;
}

const opt = (v: string | undefined) => v?.trim() || undefined;

export function BulletinModal({ ledger, open, onClose }: { ledger: Ledger; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const initial = useMemo<Values>(() => ({ period: [dayjs().startOf('month'), dayjs()] }), []);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => {
      await downloadPosted(
        `/api/ledgers/${ledger.id}/bulletin`,
        {
          docNumber: opt(v.docNumber),
          title: opt(v.title),
          period: { from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') },
          recipients: opt(v.recipients),
          issuer: opt(v.issuer),
          highlights: opt(v.highlights),
          nextSteps: opt(v.nextSteps),
        },
        `${ledger.name}.docx`,
      );
      onClose();
    },
  });
  return (
    <Modal
      {...modalProps}
      width={720}
      title={t('ledger.bulletin.title')}
      okText={t('ledger.bulletin.make')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'bulletin-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="period" label={t('ledger.bulletin.period')} rules={[{ required: true }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} data-testid="bulletin-period" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="docNumber" label={t('ledger.bulletin.docNumber')} rules={[{ max: 100 }]}>
              <Input placeholder={t('ledger.bulletin.docNumberHint')} data-testid="bulletin-docNumber" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="title" label={t('ledger.bulletin.docTitle')} rules={[{ max: 200 }]}>
              <Input placeholder={t('ledger.bulletin.titleHint', { ledger: ledger.name })} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="recipients" label={t('ledger.bulletin.recipients')} rules={[{ max: 500 }]}>
              <Input placeholder={t('ledger.bulletin.recipientsHint')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="issuer" label={t('ledger.bulletin.issuer')} rules={[{ max: 100 }]}>
              <Input placeholder={ledger.supervisorUnitName} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="highlights" label={t('ledger.bulletin.highlights')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="nextSteps" label={t('ledger.bulletin.nextSteps')} rules={[{ max: 4000 }]} extra={t('ledger.bulletin.nextStepsHint')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
