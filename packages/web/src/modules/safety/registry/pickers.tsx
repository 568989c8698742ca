// Pickers of the registry forms and filters: a hazard source or a device of an enterprise (GET /api/safety/major-hazards
// and /api/safety/devices with ?enterpriseId=…&q=…); devices behind a gateway are shown as gateway/device.
import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from 'antd';
import type { DeviceKind, Page } from '@zoneops/shared';
import { useApiGet } from '../../../app/use-api.ts';
import { deviceLabel } from './registry-ui.ts';
import type { MajorHazard, SafetyDevice } from './registry-types.ts';

interface PickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Only records of this enterprise (none are offered without one when `needsEnterprise`). */
  enterpriseId?: string | null;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
  style?: CSSProperties;
}

function RegistrySelect<T extends { id: string }>({
  path,
  query,
  label,
  value,
  onChange,
  placeholder,
  testId,
  disabled,
  style,
  keep,
}: Omit<PickerProps, 'enterpriseId'> & { path: string | null; query: Record<string, string | undefined>; label: (r: T) => string; keep?: (r: T) => boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, loading } = useApiGet<Page<T>>(path, { ...query, q: q.trim() || undefined, pageSize: 100 }, { report: false });
  const options = useMemo(() => (data?.items ?? []).filter((r) => !keep || keep(r)).map((r) => ({ value: r.id, label: label(r) })), [data, keep, label]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      onBlur={() => setQ('')}
      options={options}
      loading={loading}
      disabled={disabled}
      placeholder={placeholder ?? t('common.searchPlaceholder')}
      notFoundContent={loading ? t('common.loading') : undefined}
      style={style}
      data-testid={testId}
    />
  );
}

const sourceLabel = (s: MajorHazard) => `${s.code} ${s.name}`;

export function MajorHazardSelect({ enterpriseId, ...props }: PickerProps) {
  return (
    <RegistrySelect<MajorHazard>
      {...props}
      path="/api/safety/major-hazards"
      query={{ enterpriseId: enterpriseId ?? undefined, sort: 'code' }}
      label={sourceLabel}
    />
  );
}

const notGateway = (d: SafetyDevice) => d.kind !== 'gateway';

/** Devices of an enterprise; `kind` narrows them, `carriesPoints` leaves gateways out (their devices carry the points). */
export function DeviceSelect({
  enterpriseId,
  kind,
  carriesPoints,
  needsEnterprise,
  ...props
}: PickerProps & { kind?: DeviceKind; carriesPoints?: boolean; needsEnterprise?: boolean }) {
  return (
    <RegistrySelect<SafetyDevice>
      {...props}
      disabled={props.disabled || (needsEnterprise && !enterpriseId)}
      path={needsEnterprise && !enterpriseId ? null : '/api/safety/devices'}
      query={{ enterpriseId: enterpriseId ?? undefined, kind, sort: 'name' }}
      label={deviceLabel}
      keep={carriesPoints ? notGateway : undefined}
    />
  );
}
