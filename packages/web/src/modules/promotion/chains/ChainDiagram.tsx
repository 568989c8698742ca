// The diagram of a chain (ECharts tree, left to right): the chain, its segments upstream to downstream, and the
// companies on each; gap segments in red, chain leaders (链主) as gold diamonds, targets hollow. A click on a target
// tied to a lead opens the lead; a click on a segment (or a company without a lead) opens the segment.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Space, Typography } from 'antd';
import { TreeChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import type { ChainDetail } from '@zoneops/shared';
import { EChart } from '../../../app/EChart.tsx';
import { chainColours, chainTree, chainTreeHeight, chainTreeOption, treeNodes, type ChainNodeMeta } from '../promotion-ui.ts';

// the shared host registers bars, lines and pies; the tree is drawn only here
echarts.use([TreeChart]);

function Swatch({ colour, hollow, diamond, label }: { colour: string; hollow?: boolean; diamond?: boolean; label: string }) {
  return (
    <Space size={4}>
      <span
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: diamond ? 0 : 5,
          transform: diamond ? 'rotate(45deg)' : undefined,
          background: hollow ? '#fff' : colour,
          border: `2px solid ${colour}`,
        }}
      />
      <Typography.Text style={{ fontSize: 12 }}>{label}</Typography.Text>
    </Space>
  );
}

export function ChainLegend() {
  const { t } = useTranslation();
  return (
    <Space wrap size={16} data-testid="chain-legend">
      <Swatch colour={chainColours.segment} label={t('promotion.chains.legend.segment')} />
      <Swatch colour={chainColours.gap} label={t('promotion.chains.legend.gap')} />
      <Swatch colour={chainColours.zone} label={t('promotion.chains.legend.zone')} />
      <Swatch colour={chainColours.target} hollow label={t('promotion.chains.legend.target')} />
      <Swatch colour={chainColours.leader} diamond label={t('promotion.chains.legend.leader')} />
    </Space>
  );
}

export function ChainDiagram({ chain, onNode }: { chain: ChainDetail; onNode: (node: ChainNodeMeta) => void }) {
  const { t } = useTranslation();
  const { option, nodes, height } = useMemo(() => {
    const root = chainTree(chain, { chainLeader: t('promotion.chains.leaderSuffix'), gap: t('promotion.chains.gapSuffix') });
    return { option: chainTreeOption(root), nodes: treeNodes(root), height: chainTreeHeight(root) };
  }, [chain, t]);
  return (
    <div data-testid="chain-diagram">
      <ChainLegend />
      <EChart
        option={option}
        height={height}
        testId="chain-tree"
        onClick={(e) => {
          const node = nodes[e.dataIndex];
          if (node) onNode(node);
        }}
      />
    </div>
  );
}
