// Organisation: the unit tree on the left, the selected unit's form on the right.
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Col, Empty, Input, Row, Spin, Tag, Tree, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Unit } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { invalidateCache, useCached } from '../../app/reference-data.ts';
import { buildUnitTree, unitLabel, type UnitNode } from '../../app/unit-tree.ts';
import { UnitForm, type UnitFormMode } from './UnitForm.tsx';
import { unitKindColours } from './unit-kind-colours.ts';

interface TreeItem {
  key: string;
  title: ReactNode;
  children?: TreeItem[];
}

export default function UnitsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { data: units } = useCached<Unit[]>('/api/units');
  const [mode, setMode] = useState<UnitFormMode | null>(null);
  const [search, setSearch] = useState('');
  const english = i18n.language.startsWith('en');
  const canWrite = can('units.write');

  const treeData = useMemo(() => {
    const q = search.trim().toLowerCase();
    const toItems = (nodes: UnitNode[]): TreeItem[] =>
      nodes.map((n) => {
        const label = unitLabel(n.unit, english);
        const hit = q && label.toLowerCase().includes(q);
        return {
          key: n.unit.id,
          title: (
            <span data-testid={`unit-node-${n.unit.id}`}>
              <Tag color={unitKindColours[n.unit.kind]} style={{ marginInlineEnd: 6 }}>
                {t(`unitKind.${n.unit.kind}`)}
              </Tag>
              <span style={hit ? { color: '#d4380d', fontWeight: 600 } : undefined}>{label}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {n.unit.userCount}
              </Typography.Text>
            </span>
          ),
          children: n.children.length ? toItems(n.children) : undefined,
        };
      });
    return toItems(buildUnitTree(units ?? []));
  }, [units, english, search, t]);

  const selectedId = mode?.kind === 'edit' ? mode.unit.id : null;
  const refresh = () => invalidateCache('/api/units');

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10} xl={8}>
        <Card
          title={t('units.tree')}
          size="small"
          extra={
            canWrite && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'create', parentId: null })}>
                {t('units.addRoot')}
              </Button>
            )
          }
        >
          <Input.Search allowClear placeholder={t('units.search')} onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 8 }} />
          <Spin spinning={!units}>
            {units && (
              <Tree
                blockNode
                defaultExpandAll
                showLine
                treeData={treeData}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => {
                  const unit = units.find((u) => u.id === keys[0]);
                  setMode(unit ? { kind: 'edit', unit } : null);
                }}
                data-testid="units-tree"
              />
            )}
          </Spin>
        </Card>
      </Col>
      <Col xs={24} lg={14} xl={16}>
        <Card size="small" title={mode?.kind === 'create' ? t('units.newUnit') : mode ? t('units.editUnit') : t('menu.units')}>
          {mode && units ? (
            <UnitForm
              key={mode.kind === 'edit' ? mode.unit.id : `new:${mode.parentId ?? ''}`}
              mode={mode}
              units={units}
              canWrite={canWrite}
              onSaved={(unit) => {
                refresh();
                setMode({ kind: 'edit', unit });
              }}
              onDeleted={() => {
                refresh();
                setMode(null);
              }}
              onAddChild={(parentId) => setMode({ kind: 'create', parentId })}
            />
          ) : (
            <Empty description={t('units.selectHint')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
