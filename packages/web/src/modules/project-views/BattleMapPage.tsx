// 挂图作战: the battle map and the milestone board of the same selection; the filters, the tab and the board's page
// live in the URL, so a view can be shared and survives a reload.
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, Spin, Tabs } from 'antd';
import { MilestoneBoard } from './MilestoneBoard.tsx';
import { ProjectCard } from './ProjectCard.tsx';
import { ViewFilters } from './ViewFilters.tsx';
import { boardPageOf, filtersOf, tabOf, withFilters, type ViewFilterKey, type ViewTab } from './views-ui.ts';

const BattleMap = lazy(() => import('./BattleMap.tsx'));

export default function BattleMapPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const filters = useMemo(() => filtersOf(new URLSearchParams(query)), [query]);
  const tab = tabOf(params);
  const { page, pageSize } = boardPageOf(params);
  const [openId, setOpenId] = useState<string | null>(null);

  const setFilters = useCallback(
    (changes: Partial<Record<ViewFilterKey, string | undefined>>) => setParams((p) => withFilters(p, changes), { replace: true }),
    [setParams],
  );
  const setTab = (next: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if ((next as ViewTab) === 'board') n.set('tab', 'board');
        else n.delete('tab');
        return n;
      },
      { replace: true },
    );
  const setPage = (nextPage: number, nextSize: number) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        // a new page size starts again on the first page
        const first = nextSize !== pageSize ? 1 : nextPage;
        if (first > 1) n.set('page', String(first));
        else n.delete('page');
        n.set('pageSize', String(nextSize));
        return n;
      },
      { replace: true },
    );

  return (
    <Card title={t('projectViews.battleMap.title')} data-testid="battle-map-page">
      <ViewFilters filters={filters} onChange={setFilters} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'map',
            label: t('projectViews.battleMap.mapTab'),
            children:
              tab === 'map' ? (
                <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
                  <BattleMap filters={filters} onOpen={setOpenId} height={560} />
                </Suspense>
              ) : null,
          },
          {
            key: 'board',
            label: t('projectViews.battleMap.boardTab'),
            children: tab === 'board' ? <MilestoneBoard filters={filters} page={page} pageSize={pageSize} onPage={setPage} /> : null,
          },
        ]}
      />
      <ProjectCard projectId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
