import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { adminClassesOf, dataScopes, type Role } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { blankToNull, changedFields } from '../../app/form-errors.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { PermissionChecklist } from './PermissionChecklist.tsx';

interface Values {
  code?: string;
  name: string;
  nameEn: string | null;
  permissions: string[];
  dataScope: Role['dataScope'];
  scopeUnitIds: string[];
  requireTotp: boolean;
}

function initialOf(role: Role | null): Values {
  if (!role)
    return {
      code: '',
      name: '',
      nameEn: null,
      permissions: [],
      dataScope: 'unit',
      scopeUnitIds: [],
      requireTotp: false,
    };
  const { name, nameEn, permissions, dataScope, scopeUnitIds, requireTotp } = role;
  return { name, nameEn, permissions, dataScope, scopeUnitIds, requireTotp };
}

export function RoleFormModal(props: { open: boolean; role: Role | null; onClose: () => void; onSaved: (r: Role) => void }) {
  const { open, role } = props;
  const { t } = useTranslation();
  const initial = useMemo(() => initialOf(role), [role]);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (raw) => {
      const values = blankToNull({ ...raw, scopeUnitIds: raw.dataScope === 'units' ? (raw.scopeUnitIds ?? []) : [] });
      const saved = role ? await api.patch<Role>(`/api/roles/${role.id}`, changedFields(values, initial)) : await api.post<Role>('/api/roles', values);
      props.onSaved(saved);
    },
  });
  const permissions = Form.useWatch('permissions', form) ?? initial.permissions;
  const dataScope = Form.useWatch('dataScope', form) ?? initial.dataScope;
  const classes = adminClassesOf(permissions);

  return (
    <Modal {...modalProps} width={760} title={role ? `${t('roles.edit')} · ${role.name}` : t('roles.create')} onCancel={props.onClose}>
      <Form form={form} layout="vertical" initialValues={initial}>
        {!role && (
          <Form.Item
            name="code"
            label={t('roles.code')}
            rules={[{ required: true }, { pattern: /^[a-zA-Z][a-zA-Z0-9]{1,39}$/, message: t('roles.codeFormat') }]}
          >
            <Input data-testid="role-form-code" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input data-testid="role-form-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="dataScope" label={t('roles.dataScope')} rules={[{ required: true }]}>
          <Select options={dataScopes.map((s) => ({ value: s, label: t(`dataScope.${s}`) }))} data-testid="role-form-scope" />
        </Form.Item>
        {dataScope === 'units' && (
          <Form.Item name="scopeUnitIds" label={t('roles.scopeUnits')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <UnitTreeSelect multiple treeCheckable showCheckedStrategy="SHOW_ALL" />
          </Form.Item>
        )}
        <Form.Item name="requireTotp" label={t('roles.requireTotp')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionChecklist />
        </Form.Item>
        {classes.length > 1 && (
          <Alert
            type="error"
            showIcon
            title={t('roles.separationWarning', {
              classes: classes.map((c) => t(`adminClass.${c}`)).join(t('common.listSeparator')),
            })}
            data-testid="role-separation-warning"
          />
        )}
      </Form>
    </Modal>
  );
}
