// 登记隐患: a hazard found in an inspection or reported (POST /api/safety/hazards). Enterprise users file for their own
// enterprise; safety managers for any. The deadline defaults by grade on the server.
import { useTranslation } from 'react-i18next';
import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { hazardGrades, type SafetyHazard } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { MajorHazardSelect } from '../registry/pickers.tsx';

interface Values {
  enterpriseId?: string | null;
  majorHazardId?: string | null;
  grade: SafetyHazard['grade'];
  origin: 'inspection' | 'report';
  title?: string;
  description?: string;
  category?: string;
  foundOn?: Dayjs | null;
  deadline?: Dayjs | null;
}
const INITIAL: Values = { grade: 'general', origin: 'inspection' };

export function HazardFormModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (h: SafetyHazard) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const own = me?.enterpriseId ?? null;
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial: INITIAL,
    onSubmit: async (v) => {
      const saved = await api.post<SafetyHazard>('/api/safety/hazards', {
        ...(own ? {} : { enterpriseId: v.enterpriseId }),
        majorHazardId: v.majorHazardId ?? null,
        grade: v.grade,
        origin: v.origin,
        title: v.title?.trim() ?? '',
        description: v.description?.trim() || null,
        category: v.category?.trim() || null,
        foundOn: v.foundOn ? v.foundOn.format('YYYY-MM-DD') : undefined,
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
      });
      onDone(saved);
    },
  });
  const enterpriseId = (Form.useWatch('enterpriseId', form) as string | null | undefined) ?? own;
  return (
    <Modal {...modalProps} title={t('safetyAlarms.hazards.form.title')} onCancel={onClose} okText={t('common.submit')} width={600} data-testid="hazard-form">
      <Form form={form} layout="vertical" preserve={false}>
        {!own && (
          <Form.Item name="enterpriseId" label={t('safetyAlarms.hazards.form.enterprise')} rules={[{ required: true }]}>
            <EnterpriseSelect testId="hazard-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="majorHazardId" label={t('safetyAlarms.hazards.form.majorHazard')}>
          <MajorHazardSelect enterpriseId={enterpriseId} disabled={!enterpriseId} testId="major-hazard" />
        </Form.Item>
        <Form.Item name="grade" label={t('safetyAlarms.hazards.form.grade')} rules={[{ required: true }]}>
          <Radio.Group options={hazardGrades.map((g) => ({ value: g, label: t(`safetyAlarms.grade.${g}`) }))} />
        </Form.Item>
        <Form.Item name="origin" label={t('safetyAlarms.hazards.form.origin')} rules={[{ required: true }]}>
          <Radio.Group options={(['inspection', 'report'] as const).map((o) => ({ value: o, label: t(`safetyAlarms.hazards.origin.${o}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('safetyAlarms.hazards.form.titleLabel')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={300} data-testid="hazard-title" />
        </Form.Item>
        <Form.Item name="description" label={t('safetyAlarms.hazards.form.description')}>
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        <Form.Item name="category" label={t('safetyAlarms.hazards.form.category')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="foundOn" label={t('safetyAlarms.hazards.form.foundOn')}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="deadline" label={t('safetyAlarms.hazards.form.deadline')} extra={t('safetyAlarms.hazards.form.deadlineHint')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
