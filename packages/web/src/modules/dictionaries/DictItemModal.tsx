import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, InputNumber, Modal, Switch } from 'antd';
import { api } from '../../app/api.ts';
import type { DictItem } from '../../app/contract.ts';
import { blankToNull, changedFields } from '../../app/form-errors.ts';
import { useModalForm } from '../../app/use-modal-form.ts';

interface Values {
  code?: string;
  label: string;
  labelEn: string | null;
  parentCode: string | null;
  sort: number;
  enabled: boolean;
}

function initialOf(item: DictItem | null): Values {
  if (!item) return { code: '', label: '', labelEn: null, parentCode: null, sort: 0, enabled: true };
  const { label, labelEn, parentCode, sort, enabled } = item;
  return { label, labelEn, parentCode, sort, enabled };
}

export function DictItemModal(props: { open: boolean; type: string; item: DictItem | null; onClose: () => void; onSaved: (item: DictItem) => void }) {
  const { open, type, item } = props;
  const { t } = useTranslation();
  const initial = useMemo(() => initialOf(item), [item]);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (raw) => {
      const values = blankToNull(raw);
      const base = `/api/dictionaries/${encodeURIComponent(type)}/items`;
      const saved = item ? await api.patch<DictItem>(`${base}/${item.id}`, changedFields(values, initial)) : await api.post<DictItem>(base, values);
      props.onSaved(saved);
    },
  });

  return (
    <Modal {...modalProps} title={item ? t('dictionaries.editItem') : t('dictionaries.addItem')} onCancel={props.onClose}>
      <Form form={form} layout="vertical" initialValues={initial}>
        {!item && (
          <Form.Item
            name="code"
            label={t('dictionaries.code')}
            rules={[{ required: true }, { pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('dictionaries.codeFormat') }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="label" label={t('dictionaries.label')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="labelEn" label={t('dictionaries.labelEn')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="parentCode" label={t('dictionaries.parentCode')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sort" label={t('dictionaries.sort')}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Form.Item name="enabled" label={t('dictionaries.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
