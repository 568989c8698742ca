// Picks several active users by name (attendees of a meeting series).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from 'antd';
import type { Page, User } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { useApiGet } from '../../app/use-api.ts';

export function UsersSelect({
  value,
  onChange,
  known = [],
  testId,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  known?: { id: string; name: string }[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const readable = can('users.read');
  const [q, setQ] = useState('');
  const { data, loading } = useApiGet<Page<User>>(
    readable ? '/api/users' : null,
    { q: q.trim() || undefined, pageSize: 50, sort: 'displayName', status: 'active' },
    { report: false },
  );
  // chosen users keep their names while the search shows others
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(known.map((k) => [k.id, k.name])));
  const options = useMemo(() => {
    const found = (data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.unitName}` }));
    const ids = new Set(found.map((o) => o.value));
    return [...(value ?? []).filter((id) => !ids.has(id)).map((id) => ({ value: id, label: names[id] ?? id })), ...found];
  }, [data, value, names]);
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? []}
      onChange={(ids: string[], opts) => {
        const list = (Array.isArray(opts) ? opts : [opts]).filter((o): o is { value: string; label: string } => !!o && 'value' in o);
        setNames((prev) => ({ ...prev, ...Object.fromEntries(list.map((o) => [String(o.value), String(o.label)])) }));
        onChange?.(ids);
      }}
      onBlur={() => setQ('')}
      options={options}
      loading={loading}
      disabled={!readable}
      placeholder={t('ledger.userSearch')}
      data-testid={testId}
    />
  );
}
