// Set one day: holiday, make-up working day, or back to the default (Mon–Fri work, weekends rest).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Form, Input, Modal, Radio } from 'antd';
import { api } from '../../app/api.ts';
import type { CalendarDay } from '../../app/contract.ts';
import { useModalForm } from '../../app/use-modal-form.ts';

type Choice = 'holiday' | 'workday' | 'clear';

interface Values {
  kind: Choice;
  name: string;
  provisional: boolean;
}

export function DayModal({ date, day, onClose, onSaved }: { date: string | null; day: CalendarDay | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  // a new object for each picked date, so that picking another date resets the form too
  const initial = useMemo<Values | undefined>(
    () => (date ? { kind: day?.kind ?? 'holiday', name: day?.name ?? '', provisional: day?.provisional ?? false } : undefined),
    [date, day],
  );
  const { form, modalProps } = useModalForm<Values>({
    open: !!date,
    initial,
    onSubmit: async (values) => {
      if (!date) return;
      if (values.kind === 'clear') {
        if (day) await api.delete(`/api/calendar/${date}`);
      } else {
        await api.put(`/api/calendar/${date}`, {
          kind: values.kind,
          name: values.name.trim(),
          provisional: values.provisional,
        });
      }
      onSaved();
    },
  });
  const kind = Form.useWatch('kind', form);

  return (
    <Modal {...modalProps} title={t('calendar.setDay', { date: date ?? '' })} onCancel={onClose}>
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label={t('calendar.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'holiday', label: t('calendar.holiday') },
              { value: 'workday', label: t('calendar.workday') },
              { value: 'clear', label: t('calendar.clear') },
            ]}
          />
        </Form.Item>
        {kind !== 'clear' && (
          <>
            <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, max: 40 }]}>
              <Input placeholder={t('calendar.namePlaceholder')} data-testid="calendar-day-name" />
            </Form.Item>
            <Form.Item name="provisional" valuePropName="checked">
              <Checkbox>{t('calendar.provisional')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
