// Pickers of the project form: an owner enterprise (GET /api/enterprises?q=…), a parent project
// (GET /api/projects?q=…) and a milestone template (GET /api/milestone-templates).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from 'antd';
import type { Page } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { useCached } from '../../app/reference-data.ts';
import { useApiGet } from '../../app/use-api.ts';

interface PickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The name of the chosen record when it is not among the answers of the search (an edited project). */
  knownName?: string | null;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
}

/** A search over a paged list: the chosen record keeps its name while the search shows others. */
function SearchSelect({
  path,
  readable,
  query,
  value,
  onChange,
  knownName,
  placeholder,
  testId,
  disabled,
  exclude,
}: PickerProps & { path: string; readable: boolean; query?: Record<string, string>; exclude?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, loading } = useApiGet<Page<{ id: string; name: string }>>(
    readable ? path : null,
    { q: q.trim() || undefined, pageSize: 30, ...query },
    { report: false },
  );
  const options = useMemo(() => {
    const found = (data?.items ?? []).filter((r) => r.id !== exclude).map((r) => ({ value: r.id, label: r.name }));
    if (value && knownName && !found.some((o) => o.value === value)) return [{ value, label: knownName }, ...found];
    return found;
  }, [data, value, knownName, exclude]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      onBlur={() => setQ('')}
      options={options}
      loading={loading}
      disabled={disabled || !readable}
      placeholder={placeholder ?? t('common.searchPlaceholder')}
      data-testid={testId}
      notFoundContent={loading ? t('common.loading') : undefined}
    />
  );
}

export function EnterpriseSelect(props: PickerProps) {
  const { can } = useAuth();
  return <SearchSelect {...props} path="/api/enterprises" readable={can('enterprises.read')} />;
}

/** A project other than `exclude` (a project is not its own parent). */
export function ProjectSelect(props: PickerProps & { exclude?: string }) {
  return <SearchSelect {...props} path="/api/projects" readable query={{ sort: 'name' }} />;
}

interface Template {
  id: string;
  code: string;
  name: string;
}

export function TemplateSelect({ value, onChange, testId, placeholder }: Pick<PickerProps, 'value' | 'onChange' | 'testId' | 'placeholder'>) {
  const { data } = useCached<Template[]>('/api/milestone-templates');
  return (
    <Select
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      loading={!data}
      options={(data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}
