// The dialogs of a run's managers: publish the results with the highlights that go into the bulletin, and download
// the bulletin (GB/T 9704 Word from the office's template or the default one, with an optional title and number).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Form, Input, Modal, Radio, type ButtonProps } from 'antd';
import { api } from '../../../app/api.ts';
import { downloadExport } from '../../../app/download.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { periodLabel } from '../assessment-ui.ts';
import { API, type AssessmentRun } from '../assessment-types.ts';

interface Props {
  open: boolean;
  run: AssessmentRun;
  onClose: () => void;
}

export function PublishModal({ open, run, onClose, onDone }: Props & { onDone: (answer: unknown) => void }) {
  const { t } = useTranslation();
  const initial = useMemo(() => ({ highlights: run.highlights ?? '' }), [run.highlights]);
  const { form, modalProps } = useModalForm<{ highlights: string }>({
    open,
    initial,
    onSubmit: async (v) => onDone(await api.post(`${API}/runs/${run.id}/publish`, { highlights: v.highlights.trim() || null })),
  });
  return (
    <Modal
      {...modalProps}
      width={640}
      title={t('assessments.run.publishTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'run-publish-submit' } as ButtonProps}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('assessments.run.publishHint')} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="highlights" label={t('assessments.run.highlights')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder={t('assessments.run.highlightsPlaceholder')} data-testid="run-highlights-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type BulletinValues = { template: 'office' | 'default'; title?: string; docNumber?: string };

export function BulletinModal({ open, run, onClose }: Props) {
  const { t } = useTranslation();
  const defaultTitle = `${run.schemeName}${periodLabel(run.period, t)}`;
  const initial = useMemo<BulletinValues>(() => ({ template: 'office', title: '', docNumber: '' }), []);
  const { form, modalProps } = useModalForm<BulletinValues>({
    open,
    initial,
    onSubmit: async (v) => {
      await downloadExport(
        `${API}/runs/${run.id}/bulletin.docx`,
        { template: v.template, title: v.title?.trim() || undefined, docNumber: v.docNumber?.trim() || undefined },
        `${v.title?.trim() || defaultTitle}.docx`,
      );
      onClose();
    },
  });
  return (
    <Modal
      {...modalProps}
      title={t('assessments.run.bulletinTitle')}
      okText={t('assessments.run.download')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'run-bulletin-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="template" label={t('assessments.run.templateLabel')}>
          <Radio.Group
            options={(['office', 'default'] as const).map((k) => ({ value: k, label: t(`assessments.run.template.${k}`) }))}
            data-testid="run-bulletin-template"
          />
        </Form.Item>
        <Form.Item name="title" label={t('assessments.run.docTitle')} rules={[{ max: 100 }]}>
          <Input placeholder={t('assessments.run.docTitlePlaceholder', { title: defaultTitle })} data-testid="run-bulletin-title" />
        </Form.Item>
        <Form.Item name="docNumber" label={t('assessments.run.docNumber')} rules={[{ max: 60 }]}>
          <Input placeholder={t('assessments.run.docNumberPlaceholder')} data-testid="run-bulletin-number" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
