// The derived measures of one indicator for one period, assembled from the zone's, the city's and the peers' reported
// figures with the shared pure functions (packages/shared/src/economy.ts). Pure: the dashboard and the bulletin call it
// with what the repository read.
import {
  contributionTo,
  increaseOf,
  neighboursOf,
  periodLabel,
  pullOnCity,
  rankRegions,
  shareOfCity,
  targetCompletion,
  thresholdStatus,
  type Indicator,
  type IndicatorMeasures,
  type Region,
} from '@zoneops/shared';

export interface PeriodFigure {
  regionId: string;
  value: number | null;
  growth: number | null;
  monthValue: number | null;
  monthGrowth: number | null;
}

/** Growth ranks at the published precision (one decimal); values at two. */
const rankDigits = (indicator: Pick<Indicator, 'rankBy'>) => (indicator.rankBy === 'growth' ? 1 : 2);

export function measuresOf(
  indicator: Indicator,
  period: string,
  regions: readonly Region[],
  figures: readonly PeriodFigure[],
  target: { kind: 'value' | 'growth'; value: number } | null,
): IndicatorMeasures {
  const byRegion = new Map(figures.map((f) => [f.regionId, f]));
  const zoneRegion = regions.find((r) => r.kind === 'zone' && r.active);
  const cityRegion = regions.find((r) => r.kind === 'city' && r.active);
  const ranked = regions.filter((r) => r.active && (r.kind === 'zone' || r.kind === 'peer'));
  const pick = (f: PeriodFigure | undefined) => (f ? { value: f.value, growth: f.growth, monthValue: f.monthValue, monthGrowth: f.monthGrowth } : null);
  const zone = pick(zoneRegion && byRegion.get(zoneRegion.id));
  const city = pick(cityRegion && byRegion.get(cityRegion.id));
  const keyOf = (f: PeriodFigure | undefined) => (f ? (indicator.rankBy === 'growth' ? f.growth : f.value) : null);
  const entries = ranked.map((r) => ({ regionId: r.id, key: keyOf(byRegion.get(r.id)) }));
  const digits = rankDigits(indicator);
  const ranks = rankRegions(entries, indicator.higherIsBetter, digits);
  const rankOf = new Map(ranks.map((r) => [r.regionId, r]));
  const zoneRank = zoneRegion ? rankOf.get(zoneRegion.id) : undefined;
  const near = zoneRegion ? neighboursOf(entries, zoneRegion.id, indicator.higherIsBetter, digits) : { ahead: null, behind: null };
  const nameOf = new Map(regions.map((r) => [r.id, r.name]));
  const neighbour = (n: { regionId: string; gap: number } | null) => (n ? { regionId: n.regionId, name: nameOf.get(n.regionId) ?? '', gap: n.gap } : null);
  const completion = targetCompletion(target, zone ?? { value: null, growth: null }, period, indicator.valueKind, indicator.higherIsBetter);
  const ranking = ranked
    .map((r) => {
      const f = byRegion.get(r.id);
      const rk = rankOf.get(r.id)!;
      return {
        regionId: r.id,
        name: r.name,
        kind: r.kind,
        value: f?.value ?? null,
        growth: f?.growth ?? null,
        rank: rk.rank,
        tiedWith: rk.tiedWith,
        share: indicator.additive ? shareOfCity(f?.value ?? null, city?.value ?? null) : null,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'zh'));
  const zoneFig = zone ?? { value: null, growth: null };
  // Per-capita or average figures do not add up to the city's: no share, pull or contribution.
  const cityFig = indicator.additive && city ? city : { value: null, growth: null };
  return {
    indicator,
    period,
    periodLabel: periodLabel(period, indicator.valueKind),
    zone,
    city,
    rank: zoneRank && zoneRank.rank !== null ? { rank: zoneRank.rank, tiedWith: zoneRank.tiedWith, of: zoneRank.of } : null,
    // A share, a pull or a contribution of a point value (a balance) is still a share; of a growth-less figure, none.
    // Full precision: the bulletin rounds once, to what it states (rounding twice could move 4.404 to 4.41).
    share: shareOfCity(zoneFig.value, cityFig.value),
    pull: pullOnCity(zoneFig, cityFig),
    contribution: contributionTo(zoneFig, cityFig),
    increase: increaseOf(zoneFig.value, zoneFig.growth, indicator.growthKind),
    target: completion && target ? { ...completion, target: target.value } : null,
    threshold: thresholdStatus(zoneFig.growth, indicator),
    ahead: neighbour(near.ahead),
    behind: neighbour(near.behind),
    ranking,
  };
}
