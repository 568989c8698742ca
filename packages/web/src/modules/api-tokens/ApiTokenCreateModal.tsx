import { useTranslation } from 'react-i18next';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import { permissionCatalogue } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import type { ApiTokenCreated } from '../../app/contract.ts';
import { shanghaiDayEndIso } from '../../app/format.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { UserPicker } from './UserPicker.tsx';

interface Values {
  name: string;
  userId: string;
  scopes: string[];
  /** the DatePicker's value (a Dayjs) */
  expires?: { format: (pattern: string) => string } | null;
}

export function ApiTokenCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const { form, modalProps } = useModalForm<Values>({
    open,
    onSubmit: async (v, form) => {
      const created = await api.post<ApiTokenCreated>('/api/api-tokens', {
        name: v.name.trim(),
        userId: v.userId,
        scopes: v.scopes,
        expiresAt: v.expires ? shanghaiDayEndIso(v.expires.format('YYYY-MM-DD')) : null,
      });
      form.resetFields();
      onCreated(created);
    },
  });

  return (
    <Modal {...modalProps} title={t('apiTokens.create')} onCancel={onClose} width={620}>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('apiTokens.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="api-token-name" />
        </Form.Item>
        <Form.Item name="userId" label={t('apiTokens.user')} rules={[{ required: true }]}>
          <UserPicker />
        </Form.Item>
        <Form.Item name="scopes" label={t('apiTokens.scopes')} rules={[{ required: true, type: 'array', min: 1, max: 50 }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={permissionCatalogue.map((p) => ({
              value: p.code,
              label: `${t(`permission.${p.code}`)} (${p.code})`,
            }))}
            data-testid="api-token-scopes"
          />
        </Form.Item>
        <Form.Item name="expires" label={t('apiTokens.expiresAt')} extra={t('apiTokens.neverHint')}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
