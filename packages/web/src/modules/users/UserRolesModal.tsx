import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Modal, Select } from 'antd';
import { adminClassesOf, type User } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useRoles } from '../../app/reference-data.ts';
import { useReportError } from '../../app/use-report-error.ts';

/** PUT /api/users/:id/roles; warns before the server refuses a mix of administrator classes. */
export function UserRolesModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (u: User) => void }) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const roles = useRoles(!!user);
  // the choice belongs to the user it was made for; another user starts from their own roles
  const [edit, setEdit] = useState<{ userId: string; roleIds: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const english = i18n.language.startsWith('en');
  const roleIds = user && edit?.userId === user.id ? edit.roleIds : (user?.roles.map((r) => r.id) ?? []);

  const chosen = (roles ?? []).filter((r) => roleIds.includes(r.id));
  const classes = adminClassesOf(chosen.flatMap((r) => r.permissions));

  const save = async () => {
    if (!user) return;
    setBusy(true);
    try {
      onSaved(await api.put<User>(`/api/users/${user.id}/roles`, { roleIds }));
      setEdit(null);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={`${t('users.assignRoles')} · ${user?.displayName ?? ''}`}
      onCancel={() => {
        setEdit(null);
        onClose();
      }}
      onOk={() => void save()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={roleIds}
        onChange={(ids: string[]) => user && setEdit({ userId: user.id, roleIds: ids })}
        loading={!roles}
        showSearch={{ optionFilterProp: 'label' }}
        options={(roles ?? []).map((r) => ({ value: r.id, label: english && r.nameEn ? r.nameEn : r.name }))}
        data-testid="user-roles-select"
      />
      {classes.length > 1 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('roles.separationWarning', {
            classes: classes.map((c) => t(`adminClass.${c}`)).join(t('common.listSeparator')),
          })}
        />
      )}
    </Modal>
  );
}
