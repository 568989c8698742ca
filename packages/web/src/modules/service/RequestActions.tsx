// The actions on a request, each a modal that posts to /api/service/requests/:id/<action> and hands back the
// request's new detail: dispatch (a unit), accept (受理), refuse (a reason and the unit it belongs to), answer (a reply
// template fills the text; solved or only answered), rate (a rating the enterprise gave by phone), follow-up (回访).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Form, Input, Modal, Radio, Select, Switch, type ButtonProps } from 'antd';
import { requestRatings } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { blankToNull } from '../../app/form-errors.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import type { ReplyTemplate, ServiceRequestDetail } from './service-types.ts';

export const requestActions = ['dispatch', 'accept', 'refuse', 'answer', 'rate', 'followUp'] as const;
export type RequestAction = (typeof requestActions)[number];

const actionPath: Record<RequestAction, string> = {
  dispatch: 'dispatch',
  accept: 'accept',
  refuse: 'refuse',
  answer: 'answer',
  rate: 'rate',
  followUp: 'follow-up',
};

interface Props {
  detail: ServiceRequestDetail;
  action: RequestAction | null;
  onClose: () => void;
  onDone: (next: ServiceRequestDetail, action: RequestAction) => void;
}

type Values = Record<string, unknown>;

/** The form fields of each action. */
function Fields({ action, detail, form }: { action: RequestAction; detail: ServiceRequestDetail; form: ReturnType<typeof Form.useForm<Values>>[0] }) {
  const { t } = useTranslation();
  const rating = Form.useWatch('rating', form) as string | undefined;
  const { data: templates } = useApiGet<ReplyTemplate[]>(action === 'answer' ? '/api/service/templates' : null, { category: detail.category });
  const note = (name: string, label: string, required: boolean, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required, whitespace: required, max }]}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={max} data-testid={`action-field-${name}`} />
    </Form.Item>
  );
  switch (action) {
    case 'dispatch':
      return (
        <>
          <Form.Item name="unitId" label={t('service.actions.unit')} rules={[{ required: true }]}>
            <UnitTreeSelect testId="action-unit" />
          </Form.Item>
          {note('note', t('service.actions.note'), false, 500)}
        </>
      );
    case 'accept':
      return (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('service.actions.acceptConfirm')} />
          {note('note', t('service.actions.note'), false, 500)}
        </>
      );
    case 'refuse':
      return (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('service.actions.refuseHint')} />
          {note('reason', t('service.actions.reason'), true, 500)}
          <Form.Item name="redirectToUnitId" label={t('service.actions.redirectTo')} rules={[{ required: true }]}>
            <UnitTreeSelect testId="action-redirect-unit" />
          </Form.Item>
        </>
      );
    case 'answer':
      return (
        <>
          <Form.Item name="templateId" label={t('service.actions.template')} extra={t('service.actions.templateHint')}>
            <Select
              allowClear
              options={(templates ?? []).filter((tpl) => tpl.active).map((tpl) => ({ value: tpl.id, label: tpl.title }))}
              onChange={(id?: string) => {
                const tpl = templates?.find((x) => x.id === id);
                if (tpl) form.setFieldValue('answer', tpl.body);
              }}
              data-testid="action-template"
            />
          </Form.Item>
          {note('answer', t('service.actions.answerText'), true, 4000)}
          <Form.Item name="resolved" label={t('service.actions.resolved')} valuePropName="checked" extra={t('service.actions.resolvedHint')}>
            <Switch data-testid="action-resolved" />
          </Form.Item>
        </>
      );
    case 'rate':
      return (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('service.actions.phoneRating')} />
          <Form.Item name="rating" label={t('service.actions.rating')} rules={[{ required: true }]}>
            <Radio.Group options={requestRatings.map((r) => ({ value: r, label: t(`service.rating.${r}`) }))} data-testid="action-rating" />
          </Form.Item>
          {rating === 'dissatisfied' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('service.portal.dissatisfiedHint')} />}
          {note('comment', t('service.actions.ratingComment'), false, 1000)}
        </>
      );
    case 'followUp':
      return note('note', t('service.actions.followUpNote'), true, 1000);
  }
}

export function RequestActionModal({ detail, action, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const initial = useMemo<Values>(() => (action === 'answer' ? { resolved: true } : {}), [action]);
  const { form, modalProps } = useModalForm<Values>({
    open: action !== null,
    initial,
    onSubmit: async (values) => {
      if (!action) return;
      const next = await api.post<ServiceRequestDetail>(`/api/service/requests/${detail.id}/${actionPath[action]}`, blankToNull(values));
      onDone(next, action);
    },
  });
  return (
    <Modal
      {...modalProps}
      title={action ? t(`service.actions.${action}`) : ''}
      onCancel={onClose}
      width={action === 'answer' ? 680 : 520}
      okButtonProps={{ 'data-testid': 'action-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {action && <Fields action={action} detail={detail} form={form} />}
      </Form>
    </Modal>
  );
}
