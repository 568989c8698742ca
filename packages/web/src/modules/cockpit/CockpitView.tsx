// The cockpit's tiles, each present only when the answer holds it (the caller may read the module). On a wide screen
// (≥ 1600 px) three columns of stacked tiles fill one 1080p screen: economy and the competition; projects and
// promotion; supervision, enterprise service, and safety beside the park. Narrower, the columns wrap (two, then one).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, Empty, Row, type ColProps } from 'antd';
import type { Cockpit } from '@zoneops/shared';
import { presentTiles, type TileKey } from './cockpit-ui.ts';
import { CompetitionTile } from './tiles/CompetitionTile.tsx';
import { EconomyTile } from './tiles/EconomyTile.tsx';
import { ProjectsTile } from './tiles/ProjectsTile.tsx';
import { PromotionTile } from './tiles/PromotionTile.tsx';
import { ParkTile, SafetyTile } from './tiles/SafetyParkTiles.tsx';
import { ServiceTile } from './tiles/ServiceTile.tsx';
import { SupervisionTile } from './tiles/SupervisionTile.tsx';

/** The columns and what each stacks; a group of several tiles sits side by side. */
const columns: { key: string; col: ColProps; stack: TileKey[][] }[] = [
  { key: 'a', col: { xs: 24, xxl: 9 }, stack: [['economy'], ['competition']] },
  { key: 'b', col: { xs: 24, lg: 12, xxl: 8 }, stack: [['projects'], ['promotion']] },
  { key: 'c', col: { xs: 24, lg: 12, xxl: 7 }, stack: [['supervision'], ['service'], ['safety', 'park']] },
];

function tile(key: TileKey, data: Cockpit): ReactNode {
  switch (key) {
    case 'economy':
      return data.economy && <EconomyTile economy={data.economy} />;
    case 'projects':
      return data.projects && <ProjectsTile projects={data.projects} />;
    case 'promotion':
      return data.promotion && <PromotionTile promotion={data.promotion} />;
    case 'supervision':
      return data.supervision && <SupervisionTile supervision={data.supervision} />;
    case 'service':
      return data.service && <ServiceTile service={data.service} />;
    case 'safety':
      return data.safety && <SafetyTile safety={data.safety} />;
    case 'park':
      return data.park && <ParkTile park={data.park} />;
    case 'competition':
      return data.competition !== undefined && <CompetitionTile competition={data.competition} />;
  }
}

export function CockpitView({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const present = presentTiles(data);
  if (present.length === 0) return <Empty description={t('cockpit.nothing')} data-testid="cockpit-nothing" />;
  return (
    <Row gutter={[16, 16]} data-testid="cockpit-tiles">
      {columns.map(({ key, col, stack }) => {
        const groups = stack.map((g) => g.filter((k) => present.includes(k))).filter((g) => g.length > 0);
        if (groups.length === 0) return null;
        return (
          <Col key={key} {...col}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
              {groups.map((g) =>
                g.length === 1 ? (
                  <div key={g[0]}>{tile(g[0]!, data)}</div>
                ) : (
                  <Row key={g.join()} gutter={16}>
                    {g.map((k) => (
                      <Col key={k} xs={24} sm={24 / g.length}>
                        {tile(k, data)}
                      </Col>
                    ))}
                  </Row>
                ),
              )}
            </div>
          </Col>
        );
      })}
    </Row>
  );
}
