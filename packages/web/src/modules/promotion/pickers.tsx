// Pickers of the promotion forms: a team (GET /api/promotion/teams), leads by company or code
// (GET /api/promotion/leads?q=…) and a chain segment (the chains with their segments, GET /api/promotion/chains/:id).
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Select, TreeSelect } from 'antd';
import type { Chain, ChainDetail, Lead, Page, Team } from '@zoneops/shared';
import { cachedGet, useCached } from '../../app/reference-data.ts';
import { useApiGet } from '../../app/use-api.ts';
import { itemsOf } from './promotion-ui.ts';

export const TEAMS_PATH = '/api/promotion/teams';
export const CHAINS_PATH = '/api/promotion/chains';

/** The active teams (shared until a team is saved: invalidateCache(TEAMS_PATH)). */
export function useTeams(): Team[] | undefined {
  const { data } = useCached<Team[] | { items: Team[] }>(TEAMS_PATH);
  return data ? itemsOf(data) : undefined;
}

export function TeamSelect({
  value,
  onChange,
  placeholder,
  style,
  testId,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const teams = useTeams();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      loading={!teams}
      options={(teams ?? []).map((t) => ({ value: t.id, label: t.name }))}
      placeholder={placeholder}
      style={style}
      data-testid={testId}
    />
  );
}

type LeadRef = { id: string; code: string; company: string };
const leadLabel = (l: LeadRef) => `${l.code} · ${l.company}`;

/** One lead or several, searched by company or code; chosen leads keep their labels while the search shows others. */
export function LeadSelect(
  props: { known?: LeadRef[]; placeholder?: string; testId?: string } & (
    | { multiple: true; value?: string[]; onChange?: (ids: string[]) => void }
    | { multiple?: false; value?: string | null; onChange?: (id: string | null) => void }
  ),
) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, loading } = useApiGet<Page<Lead>>('/api/promotion/leads', { q: q.trim() || undefined, pageSize: 30 }, { report: false });
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries((props.known ?? []).map((l) => [l.id, leadLabel(l)])));
  const options = useMemo(() => {
    const found = (data?.items ?? []).map((l) => ({ value: l.id, label: leadLabel(l) }));
    const chosen = (props.multiple ? (props.value ?? []) : props.value ? [props.value] : []).filter((id) => names[id] && !found.some((o) => o.value === id));
    return [...chosen.map((id) => ({ value: id, label: names[id]! })), ...found];
  }, [data, names, props.multiple, props.value]);
  const remember = (ids: string[]) =>
    setNames((prev) => ({ ...prev, ...Object.fromEntries(options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
  const common = {
    showSearch: { filterOption: false, onSearch: setQ },
    allowClear: true,
    onBlur: () => setQ(''),
    options,
    loading,
    placeholder: props.placeholder ?? t('promotion.pickers.leadSearch'),
    notFoundContent: loading ? t('common.loading') : undefined,
    'data-testid': props.testId,
  };
  if (props.multiple) {
    const onChange = props.onChange;
    return (
      <Select
        {...common}
        mode="multiple"
        maxTagCount="responsive"
        value={props.value ?? []}
        onChange={(ids: string[]) => {
          remember(ids);
          onChange?.(ids);
        }}
      />
    );
  }
  const onChange = props.onChange;
  return (
    <Select
      {...common}
      value={props.value ?? undefined}
      onChange={(id?: string) => {
        if (id) remember([id]);
        onChange?.(id ?? null);
      }}
    />
  );
}

/** The chains with their segments, for the segment picker (a few chains: each detail is fetched once and shared). */
export function useChainDetails(): ChainDetail[] | undefined {
  const { data: chains } = useCached<Chain[] | { items: Chain[] }>(CHAINS_PATH);
  const [details, setDetails] = useState<{ key: string; list: ChainDetail[] }>();
  const list = chains ? itemsOf(chains) : undefined;
  const key = (list ?? []).map((c) => c.id).join(',');
  useEffect(() => {
    if (!list) return;
    let live = true;
    Promise.all(list.map((c) => cachedGet<ChainDetail>(`${CHAINS_PATH}/${c.id}`))).then(
      (all) => live && setDetails({ key, list: all }),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // the list is new on every render; its ids say when it changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return details?.key === key ? details.list : undefined;
}

export function SegmentSelect({ value, onChange, testId }: { value?: string | null; onChange?: (id: string | null) => void; testId?: string }) {
  const chains = useChainDetails();
  const treeData = useMemo(
    () =>
      (chains ?? []).map((c) => ({
        value: `chain:${c.id}`,
        title: c.name,
        selectable: false,
        children: [...c.segments].sort((a, b) => a.position - b.position).map((s) => ({ value: s.id, title: s.name, chain: c.name })),
      })),
    [chains],
  );
  return (
    <TreeSelect
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      loading={!chains}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      treeData={treeData}
      data-testid={testId}
    />
  );
}
