// Picks an active user by name (GET /api/users?q=…), optionally only those holding a role (leaders).
import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from 'antd';
import type { Page, User } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { useRoles } from '../../app/reference-data.ts';
import { useApiGet } from '../../app/use-api.ts';

interface Props {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  /** Only users holding this role (by code, e.g. 'leader'). */
  roleCode?: string;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  allowClear?: boolean;
}

const label = (u: Pick<User, 'displayName' | 'unitName' | 'position'>) => `${u.displayName} · ${u.position ? `${u.position} · ` : ''}${u.unitName}`;

export function UserSelect({ value, onChange, roleCode, placeholder, style, testId, allowClear = true }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const readable = can('users.read');
  const roles = useRoles(readable && !!roleCode);
  const [q, setQ] = useState('');
  const roleId = roleCode ? roles?.find((r) => r.code === roleCode)?.id : undefined;
  const waitForRole = !!roleCode && !roles;
  const { data, loading } = useApiGet<Page<User>>(
    readable && !waitForRole ? '/api/users' : null,
    { q: q.trim() || undefined, pageSize: 50, sort: 'displayName', status: 'active', roleId },
    { report: false },
  );
  const options = useMemo(() => (data?.items ?? []).map((u) => ({ value: u.id, label: label(u) })), [data]);
  const known = !value || options.some((o) => o.value === value);
  // a chosen user outside the current page of answers (a saved view, a search since) still shows a name
  const { data: chosen } = useApiGet<User>(readable && !known && value ? `/api/users/${value}` : null, undefined, { report: false });
  const all = !known && chosen ? [{ value: chosen.id, label: label(chosen) }, ...options] : options;

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? undefined)}
      onBlur={() => setQ('')}
      options={all}
      loading={loading}
      disabled={!readable}
      placeholder={placeholder ?? t('ledger.userSearch')}
      style={style}
      data-testid={testId}
      notFoundContent={loading ? t('common.loading') : undefined}
    />
  );
}
