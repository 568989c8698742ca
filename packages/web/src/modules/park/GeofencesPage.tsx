// 电子围栏 (/park/geofences): the park boundary, restricted areas, designated hazmat routes (corridors), hazmat parking
// lots and speed zones on the zone map with the list beside it (filters by kind and state, search, export); park.manage
// draws and edits them by clicking vertices on the map or pasting GeoJSON, and sets the rules on positions.
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Col, Flex, Input, Popconfirm, Row, Select, Space, Spin, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { geofenceKinds, type Geofence, type LonLat, type Page } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { GeofenceForm } from './geofences/GeofenceForm.tsx';
import type { Drawing } from './geofences/GeofenceMap.tsx';
import { RuleSettingsForm } from './geofences/RuleSettingsForm.tsx';
import { kindTagColours } from './geofences/geofence-ui.ts';

const GeofenceMap = lazy(() => import('./geofences/GeofenceMap.tsx'));

export default function GeofencesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const report = useReportError();
  const manage = can('park.manage');
  const table = useServerTable<Geofence>('/api/park/geofences', { sort: 'kind', pageSize: 50 });
  const { filters } = table.state;
  // every geofence on the map, whatever the list's page
  const all = useApiGet<Page<Geofence>>('/api/park/geofences', { pageSize: 500, sort: 'kind' });
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Geofence | 'new' | null>(null);
  const [vertices, setVertices] = useState<LonLat[]>([]);
  const [drawing, setDrawing] = useState<Drawing | null>(null);
  const fences = useMemo(() => all.data?.items ?? [], [all.data]);
  const c = (k: string) => t(`parkGeofences.col.${k}`);

  const reload = () => {
    table.reload();
    all.reload();
  };
  const onMapClick = useCallback((p: LonLat) => setVertices((v) => [...v, p]), []);
  const onDrawing = useCallback((d: Drawing | null) => setDrawing(d), []);
  const remove = async (g: Geofence) => {
    try {
      await api.delete(`/api/park/geofences/${g.id}`);
      void message.success(t('common.deleted'));
      if (selected === g.id) setSelected(null);
      reload();
    } catch (err) {
      report(err);
    }
  };

  const columns: TableColumnsType<Geofence> = [
    {
      title: c('name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: table.sortOrder('name'),
      render: (name: string, g) => (
        <Typography.Link onClick={() => setSelected(g.id)} strong={g.id === selected} data-testid={`geofence-open-${g.id}`}>
          {name}
        </Typography.Link>
      ),
    },
    {
      title: c('kind'),
      dataIndex: 'kind',
      key: 'kind',
      sorter: true,
      sortOrder: table.sortOrder('kind'),
      render: (k: Geofence['kind']) => <Tag color={kindTagColours[k]}>{t(`parkGeofences.kinds.${k}`)}</Tag>,
    },
    {
      title: c('detail'),
      key: 'detail',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_: unknown, g) =>
        g.kind === 'route'
          ? t('parkGeofences.detail.width', { width: g.widthM })
          : g.kind === 'parking'
            ? t('parkGeofences.detail.capacity', { capacity: g.capacity })
            : g.speedLimitKmh !== null
              ? t('parkGeofences.detail.speed', { speed: g.speedLimitKmh })
              : '—',
    },
    {
      title: c('active'),
      dataIndex: 'active',
      key: 'active',
      render: (a: boolean) => (a ? <Tag color="green">{t('parkGeofences.state.active')}</Tag> : <Tag>{t('parkGeofences.state.inactive')}</Tag>),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, g: Geofence) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => {
                    setSelected(g.id);
                    setEditing(g);
                  }}
                  data-testid={`geofence-edit-${g.id}`}
                />
                <Popconfirm title={t('parkGeofences.deleteConfirm', { name: g.name })} onConfirm={() => void remove(g)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`geofence-delete-${g.id}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const list = (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="geofence-filters">
        <Select
          allowClear
          placeholder={t('parkGeofences.filter.kind')}
          style={{ width: 150 }}
          value={filters.kind}
          onChange={(v?: string) => table.setFilter('kind', v)}
          options={geofenceKinds.map((k) => ({ value: k, label: t(`parkGeofences.kinds.${k}`) }))}
          data-testid="geofence-filter-kind"
        />
        <Select
          allowClear
          placeholder={t('parkGeofences.filter.active')}
          style={{ width: 110 }}
          value={filters.active}
          onChange={(v?: string) => table.setFilter('active', v)}
          options={[
            { value: 'true', label: t('parkGeofences.state.active') },
            { value: 'false', label: t('parkGeofences.state.inactive') },
          ]}
          data-testid="geofence-filter-active"
        />
        <Input.Search allowClear placeholder={t('parkGeofences.filter.search')} style={{ width: 180 }} onSearch={table.setQ} data-testid="geofence-filter-q" />
        <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
        <ExportButton path="/api/park/geofences/export" query={table.query} fileName={t('parkGeofences.exportName')} testId="geofence-export" />
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setSelected(null);
              setEditing('new');
            }}
            data-testid="geofence-new"
          >
            {t('parkGeofences.new')}
          </Button>
        )}
      </Flex>
      {/* x: true — the table fits the column (long names wrap) and scrolls only when it cannot */}
      <Table<Geofence> rowKey="id" columns={columns} {...table.tableProps} scroll={{ x: true }} size="small" data-testid="geofence-table" />
    </>
  );

  return (
    <Card title={t('parkGeofences.title')} styles={{ body: { paddingTop: 4 } }} data-testid="park-geofences-page">
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'fences',
            label: t('parkGeofences.tabs.fences'),
            children: (
              <Row gutter={16}>
                <Col xs={24} xl={12}>
                  <Suspense fallback={<Spin />}>
                    <GeofenceMap fences={fences} selectedId={selected} drawing={editing ? drawing : null} onMapClick={onMapClick} onSelect={setSelected} />
                  </Suspense>
                </Col>
                <Col xs={24} xl={12}>
                  {editing ? (
                    <GeofenceForm
                      key={editing === 'new' ? 'new' : editing.id}
                      editing={editing === 'new' ? null : editing}
                      vertices={vertices}
                      onVertices={setVertices}
                      onDrawing={onDrawing}
                      onSaved={(g) => {
                        setEditing(null);
                        setSelected(g.id);
                        reload();
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    list
                  )}
                </Col>
              </Row>
            ),
          },
          { key: 'settings', label: t('parkGeofences.tabs.settings'), children: <RuleSettingsForm manage={manage} /> },
        ]}
      />
    </Card>
  );
}
