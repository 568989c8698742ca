// Several monitoring points of an enterprise (and of a hazard source, when one is chosen), by tag or name
// (GET /api/safety/points).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from 'antd';
import type { Page } from '@zoneops/shared';
import { useApiGet } from '../../../app/use-api.ts';

interface PointOption {
  id: string;
  tag: string;
  name: string;
}

export function PointsSelect({
  enterpriseId,
  majorHazardId,
  value,
  onChange,
  testId,
}: {
  enterpriseId: string | null | undefined;
  majorHazardId?: string | null;
  value?: string[];
  onChange?: (ids: string[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, loading } = useApiGet<Page<PointOption>>(
    enterpriseId ? '/api/safety/points' : null,
    { enterpriseId: enterpriseId ?? undefined, majorHazardId: majorHazardId ?? undefined, q: q.trim() || undefined, pageSize: 100 },
    { report: false },
  );
  // chosen points keep their labels while the search shows others
  const [labels, setLabels] = useState<Record<string, string>>({});
  const options = useMemo(() => {
    const found = (data?.items ?? []).map((p) => ({ value: p.id, label: `${p.tag} ${p.name}` }));
    const ids = new Set(found.map((o) => o.value));
    return [...(value ?? []).filter((id) => !ids.has(id)).map((id) => ({ value: id, label: labels[id] ?? id })), ...found];
  }, [data, value, labels]);
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? []}
      onChange={(ids: string[]) => {
        setLabels((prev) => ({ ...prev, ...Object.fromEntries(options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
        onChange?.(ids);
      }}
      onBlur={() => setQ('')}
      options={options}
      loading={loading}
      disabled={!enterpriseId}
      placeholder={t('common.searchPlaceholder')}
      notFoundContent={loading ? t('common.loading') : undefined}
      data-testid={testId}
    />
  );
}
