// Create or edit a user. Creation answers the one-time initial password.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { userStatuses, type User } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import type { UserCreated } from '../../app/contract.ts';
import { blankToNull, changedFields } from '../../app/form-errors.ts';
import { useDictionary } from '../../app/reference-data.ts';
import { useModalForm } from '../../app/use-modal-form.ts';

const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

interface Values {
  username?: string;
  displayName: string;
  unitId?: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  status?: User['status'];
}

function initialOf(user: User | null): Values {
  if (!user) return { username: '', displayName: '', position: null, phone: null, email: null };
  return {
    displayName: user.displayName,
    unitId: user.unitId,
    position: user.position,
    phone: user.phone,
    email: user.email,
    status: user.status,
  };
}

export function UserFormModal(props: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onCreated: (created: UserCreated) => void;
  onSaved: (user: User) => void;
}) {
  const { open, user } = props;
  const { t } = useTranslation();
  const positions = useDictionary('position');
  const initial = useMemo(() => initialOf(user), [user]);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (raw) => {
      const values = blankToNull(raw);
      if (user) props.onSaved(await api.patch<User>(`/api/users/${user.id}`, changedFields(values, initial)));
      else props.onCreated(await api.post<UserCreated>('/api/users', values));
    },
  });

  // A masked phone (138****0000) is accepted as long as it is left unchanged; it is then not sent.
  const phoneRule = {
    validator: async (_: unknown, value: string | null | undefined) => {
      if (!value || value === initial.phone) return;
      if (!PHONE.test(value)) throw new Error(t('errors.VALIDATION_FAILED'));
    },
  };

  return (
    <Modal
      {...modalProps}
      title={user ? t('users.edit') : t('users.create')}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'user-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        {!user && (
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true }, { pattern: USERNAME, message: t('users.usernameFormat') }]}
            extra={t('users.usernameFormat')}
          >
            <Input autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input data-testid="user-form-displayName" />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true }]}>
          <UnitTreeSelect testId="user-form-unit" allowClear={false} />
        </Form.Item>
        {/* The position is stored as its title (free text in the API); the dictionary only offers the usual ones. */}
        <Form.Item name="position" label={t('users.position')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={positions.items.map((d) => ({ value: d.label, label: positions.labelOf(d.code) }))}
            data-testid="user-form-position"
          />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[phoneRule]} extra={user?.phone?.includes('*') ? t('users.phoneMasked') : undefined}>
          <Input data-testid="user-form-phone" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', max: 200 }]}>
          <Input data-testid="user-form-email" />
        </Form.Item>
        {user && (
          <Form.Item name="status" label={t('users.status')}>
            <Select options={userStatuses.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
