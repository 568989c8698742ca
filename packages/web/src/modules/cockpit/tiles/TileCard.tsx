// The frame of a cockpit tile (a card whose title opens the module's page), a headline figure, and a lazily loaded
// chart with its placeholder.
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, ConfigProvider, Tooltip, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import type { EChartsCoreOption } from 'echarts/core';
import type { Cockpit } from '@zoneops/shared';
import { tilePath, type TileKey } from '../cockpit-ui.ts';

const CockpitChart = lazy(() => import('../CockpitChart.tsx'));

export function TileCard({ tile, data, extra, children }: { tile: TileKey; data?: Pick<Cockpit, 'competition'>; extra?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const name = t(`cockpit.tiles.${tile}`);
  return (
    <Card
      size="small"
      title={
        <Tooltip title={t('cockpit.open', { module: name })}>
          <Link to={tilePath(tile, data)} data-testid={`cockpit-link-${tile}`} style={{ color: 'inherit' }}>
            {name} <RightOutlined style={{ fontSize: 11, color: '#8c8c8c' }} />
          </Link>
        </Tooltip>
      }
      extra={extra}
      style={{ height: '100%' }}
      data-testid={`cockpit-tile-${tile}`}
    >
      {children}
    </Card>
  );
}

/** A headline figure: caption, value (coloured when given) and unit; the test id sits on the value. */
export function Figure({
  label,
  value,
  unit,
  colour,
  tip,
  testId,
  size = 24,
}: {
  label: ReactNode;
  value: string;
  unit?: string;
  colour?: string;
  tip?: string;
  testId: string;
  size?: number;
}) {
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {label}
      </Typography.Text>
      <Tooltip title={tip}>
        <div style={{ lineHeight: 1.3, whiteSpace: 'nowrap' }}>
          <span style={{ fontSize: size, fontWeight: 600, color: colour, fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
            {value}
          </span>
          {unit && <span style={{ fontSize: 12, marginInlineStart: 4, color: '#8c8c8c' }}>{unit}</span>}
        </div>
      </Tooltip>
    </div>
  );
}

export function TileChart({ option, height, testId }: { option: EChartsCoreOption; height: number; testId: string }) {
  return (
    <Suspense fallback={<div style={{ height }} />}>
      <CockpitChart option={option} height={height} testId={testId} />
    </Suspense>
  );
}

/** A small heading inside a tile. */
export function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div style={{ marginTop: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 6 }}>
        <Typography.Text strong style={{ fontSize: 13 }}>
          {title}
        </Typography.Text>
        {extra}
      </div>
      {children}
    </div>
  );
}

const compactTheme = { token: { lineHeight: 1.5 }, components: { Table: { cellPaddingBlockSM: 3, cellPaddingInlineSM: 6, cellFontSizeSM: 13 } } };

/** Denser small tables (rows of about 26 px) so that the tiles fit one screen. */
export function Compact({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={compactTheme}>{children}</ConfigProvider>;
}
