// 诉求台账: the requests as a server table (GET /api/service/requests) with its filters, the export with the same
// filters, and "代企业提交诉求" for those who file on an enterprise's behalf.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Checkbox, DatePicker, Flex, Select, Space, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { requestCategories, requestKinds, requestStatuses } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { useServerTable } from '../../app/use-server-table.ts';
import { EnterpriseSelect } from '../projects/pickers.tsx';
import { lateRow, requestColumns } from './request-columns.tsx';
import { RequestFormModal } from './RequestFormModal.tsx';
import { requestPath } from './service-ui.ts';
import type { ServiceRequest } from './service-types.ts';

export interface RequestFilterProps {
  filters: Record<string, string | undefined>;
  setFilter: (name: string, value: string | undefined) => void;
  setFilters: (filters: Record<string, string | undefined>) => void;
}

export function RequestFilters({ filters, setFilter, setFilters }: RequestFilterProps) {
  const { t } = useTranslation();
  const select = (name: string, values: readonly string[], label: (v: string) => string, width: number) => (
    <Select
      allowClear
      placeholder={t(`service.requests.col.${name}`)}
      style={{ width }}
      value={filters[name]}
      onChange={(v?: string) => setFilter(name, v)}
      options={values.map((v) => ({ value: v, label: label(v) }))}
      data-testid={`request-filter-${name}`}
    />
  );
  return (
    <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid="request-filters">
      {select('status', requestStatuses, (s) => t(`service.status.${s}`), 120)}
      <Select
        allowClear
        placeholder={t('service.requests.filter.open')}
        style={{ width: 120 }}
        value={filters.open}
        onChange={(v?: string) => setFilter('open', v)}
        options={[
          { value: 'true', label: t('service.requests.filter.openTrue') },
          { value: 'false', label: t('service.requests.filter.openFalse') },
        ]}
        data-testid="request-filter-open"
      />
      {select('category', requestCategories, (c) => t(`service.category.${c}`), 130)}
      {select('kind', requestKinds, (k) => t(`service.kind.${k}`), 100)}
      <UnitTreeSelect
        placeholder={t('service.requests.col.unit')}
        style={{ width: 180 }}
        value={filters.unitId}
        onChange={(v) => setFilter('unitId', typeof v === 'string' ? v : undefined)}
        testId="request-filter-unit"
      />
      <div style={{ width: 200, display: 'grid' }}>
        <EnterpriseSelect
          value={filters.enterpriseId}
          onChange={(v) => setFilter('enterpriseId', v ?? undefined)}
          placeholder={t('service.requests.col.enterprise')}
          testId="request-filter-enterprise"
        />
      </div>
      <DatePicker.RangePicker
        placeholder={[t('service.requests.filter.filedFrom'), t('service.requests.filter.filedTo')]}
        value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
        onChange={(_, [from, to]) => setFilters({ from: from || undefined, to: to || undefined })}
        data-testid="request-filter-filed"
      />
      <Checkbox checked={filters.late === 'true'} onChange={(e) => setFilter('late', e.target.checked ? 'true' : undefined)} data-testid="request-filter-late">
        {t('service.requests.filter.late')}
      </Checkbox>
    </Space>
  );
}

export function RequestList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  // links from elsewhere open the list filtered (?status=registered, ?late=true)
  const [params] = useSearchParams();
  const table = useServerTable<ServiceRequest>('/api/service/requests', {
    sort: '-filedAt',
    filters: { status: params.get('status') ?? undefined, late: params.get('late') ?? undefined, open: params.get('open') ?? undefined },
  });
  const [filing, setFiling] = useState(false);
  const columns = requestColumns(t, { sortOrder: table.sortOrder, link: requestPath });
  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <RequestFilters filters={table.state.filters} setFilter={table.setFilter} setFilters={table.setFilters} />
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path="/api/service/requests/export" query={table.query} fileName={t('service.requests.exportName')} testId="request-export" />
          {can('service.file') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="request-file">
              {t('service.requests.file')}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<ServiceRequest> rowKey="id" columns={columns} {...table.tableProps} size="small" onRow={lateRow} data-testid="requests-table" />
      <RequestFormModal
        open={filing}
        path="/api/service/requests"
        onClose={() => setFiling(false)}
        onFiled={(r) => {
          setFiling(false);
          void message.success(t('service.requests.filed', { code: r.code }));
          table.reload();
          void navigate(requestPath(r));
        }}
      />
    </>
  );
}
