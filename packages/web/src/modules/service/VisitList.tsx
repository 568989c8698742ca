// 走访记录: the visits (GET /api/service/visits) filtered by enterprise, cadre and date; "登记走访" logs one with the
// requests raised, then takes its photos; the photo count opens a visit's photos.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, DatePicker, Flex, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PictureOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useAuth } from '../../app/auth.tsx';
import { shanghaiToday } from '../../app/format.ts';
import { useServerTable } from '../../app/use-server-table.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';
import { EnterpriseSelect } from '../projects/pickers.tsx';
import { requestPath } from './service-ui.ts';
import type { Visit } from './service-types.ts';
import { VisitFormModal } from './VisitFormModal.tsx';
import { VisitPhotos } from './VisitPhotos.tsx';

export function visitColumns(
  t: (k: string) => string,
  opts: { sortOrder: (f: string) => 'ascend' | 'descend' | null; onPhotos: (v: Visit) => void },
): TableColumnsType<Visit> {
  return [
    { title: t('service.visits.col.visitedOn'), dataIndex: 'visitedOn', key: 'visitedOn', sorter: true, sortOrder: opts.sortOrder('visitedOn'), width: 110 },
    { title: t('service.visits.col.enterprise'), dataIndex: 'enterpriseName', width: 180, ellipsis: true },
    { title: t('service.visits.col.cadre'), dataIndex: 'cadreName', width: 100 },
    { title: t('service.visits.col.people'), dataIndex: 'people', width: 180, ellipsis: true },
    { title: t('service.visits.col.topics'), dataIndex: 'topics', width: 260, ellipsis: true },
    { title: t('service.visits.col.notes'), dataIndex: 'notes', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('service.visits.col.requests'),
      dataIndex: 'requests',
      width: 200,
      render: (rs: Visit['requests']) =>
        rs.length ? (
          <Space size={[4, 4]} wrap>
            {rs.map((r) => (
              <Link key={r.id} to={requestPath(r)}>
                <Tag>{r.code}</Tag>
              </Link>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('service.visits.col.photos'),
      dataIndex: 'photoCount',
      width: 80,
      render: (n: number, v) => (
        <Button type="link" size="small" icon={<PictureOutlined />} onClick={() => opts.onPhotos(v)} data-testid={`visit-photos-${v.id}`}>
          {n}
        </Button>
      ),
    },
  ];
}

export function VisitList() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const today = shanghaiToday();
  const table = useServerTable<Visit>('/api/service/visits', { sort: '-visitedOn' });
  const { filters } = table.state;
  const [logging, setLogging] = useState(false);
  const [photosOf, setPhotosOf] = useState<Visit | null>(null);
  const canLog = can('service.file') || can('service.manage');
  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="visit-filters">
          <div style={{ width: 200, display: 'grid' }}>
            <EnterpriseSelect
              value={filters.enterpriseId}
              onChange={(v) => table.setFilter('enterpriseId', v ?? undefined)}
              placeholder={t('service.visits.col.enterprise')}
              testId="visit-filter-enterprise"
            />
          </div>
          <UserSelect
            value={filters.cadreUserId}
            onChange={(v) => table.setFilter('cadreUserId', v)}
            placeholder={t('service.visits.col.cadre')}
            style={{ width: 170 }}
            testId="visit-filter-cadre"
          />
          <DatePicker.RangePicker
            placeholder={[t('service.visits.filter.from'), t('service.visits.filter.to')]}
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(_, [from, to]) => table.setFilters({ from: from || undefined, to: to || undefined })}
            data-testid="visit-filter-dates"
          />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          {canLog && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)} data-testid="visit-create">
              {t('service.visits.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<Visit>
        rowKey="id"
        columns={visitColumns(t, { sortOrder: table.sortOrder, onPhotos: setPhotosOf })}
        {...table.tableProps}
        size="small"
        data-testid="visits-table"
      />
      <VisitFormModal open={logging} today={today} onClose={() => setLogging(false)} onSaved={table.reload} />
      <Modal open={!!photosOf} title={t('service.visits.photos.title')} footer={null} onCancel={() => setPhotosOf(null)} destroyOnHidden>
        {photosOf && (
          <>
            <Typography.Paragraph type="secondary">
              {photosOf.enterpriseName} · {photosOf.visitedOn} · {photosOf.cadreName}
            </Typography.Paragraph>
            <VisitPhotos visitId={photosOf.id} canUpload={photosOf.cadreUserId === me?.id || can('service.manage')} onUploaded={table.reload} />
          </>
        )}
      </Modal>
    </>
  );
}
