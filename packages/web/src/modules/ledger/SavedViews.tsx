// Saved views of a list (GET/POST/DELETE /api/saved-views): save the current filters under a name, pick one, delete one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { api } from '../../app/api.ts';
import type { SavedView } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { useReportError } from '../../app/use-report-error.ts';

export function SavedViews({ page, current, onApply }: { page: string; current: Record<string, string>; onApply: (query: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, reload } = useApiGet<SavedView[]>('/api/saved-views', { page });
  const [selected, setSelected] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const { form, modalProps } = useModalForm<{ name: string }>({
    open: saving,
    onSubmit: async ({ name }) => {
      const view = await api.post<SavedView>('/api/saved-views', { page, name: name.trim(), query: current });
      setSaving(false);
      setSelected(view.id);
      void message.success(t('ledger.views.saved'));
      reload();
    },
  });
  const views = data ?? [];
  // the chosen view stays shown only while the list still has its filters
  const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  const shown = views.find((v) => v.id === selected && same(v.query, current))?.id;
  const remove = async (id: string) => {
    try {
      await api.delete(`/api/saved-views/${id}`);
      setSelected(undefined);
      reload();
    } catch (err) {
      report(err);
    }
  };

  return (
    <Space.Compact>
      <Select
        allowClear
        placeholder={t('ledger.views.pick')}
        style={{ width: 180 }}
        value={shown}
        onChange={(id?: string) => {
          setSelected(id);
          const view = views.find((v) => v.id === id);
          if (view) onApply(view.query);
        }}
        options={views.map((v) => ({ value: v.id, label: v.name }))}
        notFoundContent={t('ledger.views.none')}
        data-testid="saved-view-select"
      />
      {shown && (
        <Popconfirm title={t('ledger.views.deleteConfirm')} onConfirm={() => void remove(shown)}>
          <Tooltip title={t('ledger.views.delete')}>
            <Button icon={<DeleteOutlined />} aria-label={t('ledger.views.delete')} data-testid="saved-view-delete" />
          </Tooltip>
        </Popconfirm>
      )}
      <Tooltip title={t('ledger.views.saveHint')}>
        <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="saved-view-save">
          {t('ledger.views.save')}
        </Button>
      </Tooltip>
      <Modal {...modalProps} title={t('ledger.views.save')} onCancel={() => setSaving(false)} width={400}>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label={t('ledger.views.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input autoFocus maxLength={50} onPressEnter={modalProps.onOk} data-testid="saved-view-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Space.Compact>
  );
}
