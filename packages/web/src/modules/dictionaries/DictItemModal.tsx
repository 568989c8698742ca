import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, InputNumber, Modal, Switch } from 'antd';
import { api } from '../../app/api.ts';
import type { DictItem } from '../../app/contract.ts';
import { blankToNull, changedFields } from '../../app/form-errors.ts';
import { useReportError } from '../../app/use-report-error.ts';

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
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => initialOf(item), [item]);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial);
    }
  }, [open, form, initial]);

  const submit = async () => {
    const values = blankToNull(await form.validateFields());
    const base = `/api/dictionaries/${encodeURIComponent(type)}/items`;
    setBusy(true);
    try {
      const saved = item ? await api.patch<DictItem>(`${base}/${item.id}`, changedFields(values, initial)) : await api.post<DictItem>(base, values);
      props.onSaved(saved);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={item ? t('dictionaries.editItem') : t('dictionaries.addItem')}
      onCancel={props.onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={busy}
      destroyOnHidden
    >
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
