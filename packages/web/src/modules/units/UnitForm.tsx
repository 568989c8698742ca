// Create / edit / move / delete one unit.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Form, Input, InputNumber, Popconfirm, Select, Space } from 'antd';
import { unitKinds, type Unit } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { blankToNull, changedFields } from '../../app/form-errors.ts';
import { subtreeIds } from '../../app/unit-tree.ts';
import { useReportError } from '../../app/use-report-error.ts';

interface Values {
  parentId: string | null;
  name: string;
  nameEn: string | null;
  kind: Unit['kind'];
  code: string | null;
  sort: number;
}

export type UnitFormMode = { kind: 'create'; parentId: string | null } | { kind: 'edit'; unit: Unit };

function initialValues(mode: UnitFormMode): Values {
  if (mode.kind === 'create') {
    return { parentId: mode.parentId, name: '', nameEn: null, kind: 'bureau', code: null, sort: 0 };
  }
  const u = mode.unit;
  return { parentId: u.parentId, name: u.name, nameEn: u.nameEn, kind: u.kind, code: u.code, sort: u.sort };
}

export function UnitForm(props: {
  mode: UnitFormMode;
  units: Unit[];
  canWrite: boolean;
  onSaved: (unit: Unit) => void;
  onDeleted: () => void;
  onAddChild: (parentId: string) => void;
}) {
  const { mode, units, canWrite } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => initialValues(mode), [mode]);
  const editingId = mode.kind === 'edit' ? mode.unit.id : null;
  const blocked = useMemo(() => (editingId ? subtreeIds(units, editingId) : undefined), [units, editingId]);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initial);
  }, [form, initial]);

  const save = async (raw: Values) => {
    const values = blankToNull({ ...raw, parentId: raw.parentId ?? null });
    setBusy(true);
    try {
      const saved =
        mode.kind === 'create'
          ? await api.post<Unit>('/api/units', values)
          : await api.patch<Unit>(`/api/units/${mode.unit.id}`, changedFields(values, initial));
      void message.success(t('common.saved'));
      props.onSaved(saved);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (mode.kind !== 'edit') return;
    setBusy(true);
    try {
      await api.delete(`/api/units/${mode.unit.id}`);
      void message.success(t('common.deleted'));
      props.onDeleted();
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} disabled={!canWrite} style={{ maxWidth: 560 }}>
      <Form.Item name="parentId" label={t('units.parent')}>
        <UnitTreeSelect placeholder={t('units.noParent')} disabledIds={blocked} testId="unit-form-parent" />
      </Form.Item>
      <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input data-testid="unit-form-name" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('units.nameEn')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
          <Select style={{ width: 180 }} options={unitKinds.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="code" label={t('units.code')} rules={[{ max: 40 }]}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="sort" label={t('units.sort')}>
          <InputNumber min={0} max={100000} style={{ width: 120 }} />
        </Form.Item>
      </Space>
      {canWrite && (
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="unit-form-submit">
            {t('common.save')}
          </Button>
          {mode.kind === 'edit' && (
            <>
              <Button onClick={() => props.onAddChild(mode.unit.id)}>{t('units.addChild')}</Button>
              <Popconfirm title={t('units.deleteConfirm', { name: mode.unit.name })} onConfirm={() => void remove()}>
                <Button danger loading={busy}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      )}
    </Form>
  );
}
