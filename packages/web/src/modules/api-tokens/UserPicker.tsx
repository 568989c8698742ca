// Searches users by name (GET /api/users?q=…) for a Select.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from 'antd';
import type { Page, User } from '@zoneops/shared';
import { api } from '../../app/api.ts';

export function UserPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<User>>('/api/users', { q, pageSize: 20, sort: 'username' }, { signal: ctrl.signal })
        .then(
          (page) => setOptions(page.items.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username}) · ${u.unitName}` }))),
          () => setOptions([]),
        )
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      placeholder={t('apiTokens.userSearch')}
      data-testid="api-token-user"
    />
  );
}
