// Files a request (诉求): a cadre on an enterprise's behalf (POST /api/service/requests, with the enterprise picker)
// or an enterprise user for its own enterprise (POST /api/portal/requests). The kind explains its promised deadlines.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { requestCategories, requestKinds, type RequestKind } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { blankToNull } from '../../app/form-errors.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { EnterpriseSelect } from '../projects/pickers.tsx';
import { deadlineRuleText, useDeadlineRules } from './DeadlineRules.tsx';
import type { RequestInput, ServiceRequestDetail } from './service-types.ts';

interface Props {
  open: boolean;
  /** The route to post to; with the enterprise picker when filing on behalf of one. */
  path: '/api/service/requests' | '/api/portal/requests';
  onClose: () => void;
  onFiled: (r: ServiceRequestDetail) => void;
}

export function RequestFormModal({ open, path, onClose, onFiled }: Props) {
  const { t } = useTranslation();
  const onBehalf = path === '/api/service/requests';
  const initial = useMemo<Partial<RequestInput>>(() => ({ kind: 'ordinary' }), []);
  const { form, modalProps } = useModalForm<RequestInput>({
    open,
    initial: initial as RequestInput,
    onSubmit: async (values) => onFiled(await api.post<ServiceRequestDetail>(path, blankToNull(values))),
  });
  const kind = Form.useWatch('kind', form) as RequestKind | undefined;
  const rules = useDeadlineRules();
  return (
    <Modal
      {...modalProps}
      title={onBehalf ? t('service.requests.file') : t('service.portal.file')}
      onCancel={onClose}
      width={640}
      okButtonProps={{ 'data-testid': 'request-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="request-form">
        {onBehalf && (
          <Form.Item name="enterpriseId" label={t('service.requests.form.enterprise')} rules={[{ required: true }]}>
            <EnterpriseSelect testId="request-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('service.requests.form.category')} rules={[{ required: true }]}>
          <Select options={requestCategories.map((c) => ({ value: c, label: t(`service.category.${c}`) }))} data-testid="request-category" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('service.requests.form.kind')}
          rules={[{ required: true }]}
          extra={kind && rules ? deadlineRuleText(t, rules[kind]) : undefined}
        >
          <Radio.Group optionType="button" options={requestKinds.map((k) => ({ value: k, label: t(`service.kind.${k}`) }))} data-testid="request-kind" />
        </Form.Item>
        <Form.Item name="title" label={t('service.requests.form.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} data-testid="request-title" />
        </Form.Item>
        <Form.Item name="content" label={t('service.requests.form.content')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={4000} showCount data-testid="request-content" />
        </Form.Item>
        <Form.Item noStyle>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="contactName" label={t('service.requests.form.contactName')} rules={[{ max: 50 }]} style={{ flex: 1 }}>
              <Input maxLength={50} data-testid="request-contact-name" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('service.requests.form.contactPhone')}
              style={{ flex: 1 }}
              extra={onBehalf ? undefined : t('service.portal.contactHint')}
            >
              <Input maxLength={20} data-testid="request-contact-phone" />
            </Form.Item>
          </div>
        </Form.Item>
      </Form>
    </Modal>
  );
}
