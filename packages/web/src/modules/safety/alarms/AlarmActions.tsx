// The actions on an alarm: acknowledge (an optional note), handle (处置: the note is required), close (once back to
// normal; an optional note), and open a hazard from it (grade, title, deadline). One modal serves them; `useAlarmActions`
// gives the buttons of a row or of the detail and the modal to place once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { hazardGrades, type AlarmSummary, type SafetyAlarmDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useModalForm } from '../../../app/use-modal-form.ts';

export type AlarmAction = 'acknowledge' | 'handle' | 'close' | 'hazard';

/** What the caller may do on an alarm of the list (the detail answers its own `can`). */
export function useAlarmCan() {
  const { me, can } = useAuth();
  return (a: AlarmSummary): Record<AlarmAction, boolean> => {
    const handler = can('safety.handle');
    return {
      acknowledge: handler && a.status === 'raised',
      handle: handler && (a.status === 'raised' || a.status === 'acknowledged'),
      close: handler && a.status !== 'closed' && a.clearedAt !== null,
      // a park-level alarm (no enterprise) cannot become a hazard: a hazard belongs to an enterprise
      hazard: !a.hazardItemId && a.enterpriseId !== null && (me?.enterpriseId ? me.enterpriseId === a.enterpriseId && handler : can('safety.manage')),
    };
  };
}

interface Values {
  note?: string;
  grade?: (typeof hazardGrades)[number];
  title?: string;
  description?: string;
  category?: string;
  deadline?: dayjs.Dayjs | null;
}

const INITIAL: Values = { grade: 'general' };

export function AlarmActionModal({
  alarm,
  action,
  onClose,
  onDone,
}: {
  alarm: AlarmSummary | null;
  action: AlarmAction | null;
  onClose: () => void;
  onDone: (detail: SafetyAlarmDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const open = !!alarm && !!action;
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial: INITIAL,
    onSubmit: async (v) => {
      if (!alarm || !action) return;
      const path = `/api/safety/alarms/${alarm.id}/${action}`;
      const body =
        action === 'hazard'
          ? {
              grade: v.grade,
              title: v.title?.trim() || undefined,
              description: v.description?.trim() || null,
              category: v.category?.trim() || null,
              deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
            }
          : { note: v.note?.trim() || (action === 'handle' ? '' : null) };
      const detail = await api.post<SafetyAlarmDetail>(path, body);
      void message.success(
        action === 'hazard'
          ? t('safetyAlarms.done.hazardOpened', { code: detail.hazardItemCode ?? '' })
          : t(`safetyAlarms.done.${action === 'acknowledge' ? 'acknowledged' : action === 'handle' ? 'handled' : 'closed'}`),
      );
      onDone(detail);
    },
  });
  const title = action === 'hazard' ? t('safetyAlarms.hazardForm.title') : action ? t(`safetyAlarms.actions.${action}`) : '';
  return (
    <Modal {...modalProps} title={title} onCancel={onClose} okText={t('common.submit')} data-testid="alarm-action-modal">
      <Form form={form} layout="vertical" preserve={false}>
        {action === 'hazard' ? (
          <>
            <Form.Item name="grade" label={t('safetyAlarms.hazardForm.grade')} rules={[{ required: true }]}>
              <Radio.Group options={hazardGrades.map((g) => ({ value: g, label: t(`safetyAlarms.grade.${g}`) }))} />
            </Form.Item>
            <Form.Item name="title" label={t('safetyAlarms.hazardForm.titleLabel')}>
              <Input maxLength={300} placeholder={t('safetyAlarms.hazardForm.titlePlaceholder')} />
            </Form.Item>
            <Form.Item name="description" label={t('safetyAlarms.hazardForm.description')}>
              <Input.TextArea rows={3} maxLength={8000} />
            </Form.Item>
            <Form.Item name="category" label={t('safetyAlarms.hazardForm.category')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="deadline" label={t('safetyAlarms.hazardForm.deadline')} extra={t('safetyAlarms.hazardForm.deadlineHint')}>
              <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="note"
            label={action === 'handle' ? t('safetyAlarms.note.handle') : t('safetyAlarms.note.label')}
            rules={action === 'handle' ? [{ required: true, whitespace: true, message: t('safetyAlarms.note.handleRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder={action === 'handle' ? undefined : t('safetyAlarms.note.placeholder')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The action buttons of one alarm. */
export function AlarmActionButtons({
  alarm,
  can,
  onAction,
  size = 'small',
}: {
  alarm: AlarmSummary;
  can: Record<AlarmAction, boolean>;
  onAction: (action: AlarmAction, alarm: AlarmSummary) => void;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const button = (action: AlarmAction, label: string, primary = false) =>
    can[action] ? (
      <Button
        key={action}
        size={size}
        type={primary ? 'primary' : 'default'}
        onClick={() => onAction(action, alarm)}
        data-testid={`alarm-${action}-${alarm.id}`}
      >
        {label}
      </Button>
    ) : null;
  return (
    <Space size={4} wrap>
      {button('acknowledge', t('safetyAlarms.actions.acknowledge'), true)}
      {button('handle', t('safetyAlarms.actions.handle'))}
      {button('close', t('safetyAlarms.actions.close'))}
      {button('hazard', t('safetyAlarms.actions.openHazard'))}
    </Space>
  );
}

/** The state of the action modal: which action on which alarm. */
export function useAlarmActionState() {
  const [state, setState] = useState<{ alarm: AlarmSummary; action: AlarmAction } | null>(null);
  return {
    alarm: state?.alarm ?? null,
    action: state?.action ?? null,
    start: (action: AlarmAction, alarm: AlarmSummary) => setState({ action, alarm }),
    close: () => setState(null),
  };
}
