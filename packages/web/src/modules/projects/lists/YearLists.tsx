// 三张清单: the year's 新动工 / 新投产 / 新储备 projects (views over the projects, GET /api/projects/year-lists), each
// tab with its count and total investment, a server table with a 合计 row, and the Excel export of the list.
import { useTranslation } from 'react-i18next';
import { Button, DatePicker, Flex, Select, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { yearListKinds, type Page, type Project, type YearListKind } from '@zoneops/shared';
import { useAuth } from '../../../app/auth.tsx';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { UnitTreeSelect } from '../../../app/components/UnitTreeSelect.tsx';
import { shanghaiToday } from '../../../app/format.ts';
import { useDictionary } from '../../../app/reference-data.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { headlineAmount } from '../reports/money.ts';
import { moneyCell } from '../reports/report-cells.tsx';
import { StageTag } from '../project-columns.tsx';
import { ProjectLight } from '../ProjectLight.tsx';
import { ProjectLink } from './project-cells.tsx';

export type YearListRow = Project & { on: string };
export type YearListPage = Page<YearListRow> & {
  totalInvestment: string;
  summary: Record<YearListKind, { count: number; totalInvestment: string }>;
};

const isKind = (v: string | undefined): v is YearListKind => !!v && (yearListKinds as readonly string[]).includes(v);

export function YearLists() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const industries = useDictionary('industry');
  const thisYear = shanghaiToday().slice(0, 4);
  const table = useServerTable<YearListRow>('/api/projects/year-lists', { sort: '-on', filters: { year: thisYear, kind: 'newlyStarted' } });
  const { filters } = table.state;
  const year = filters.year ?? thisYear;
  const kind: YearListKind = isKind(filters.kind) ? filters.kind : 'newlyStarted';
  const page = table.data as YearListPage | undefined;
  const amount = (s: string) => {
    const a = headlineAmount(s);
    return t(`projectReports.amount.${a.unit}`, { value: a.value });
  };
  const { page: current, pageSize } = table.state;

  const columns: TableColumnsType<YearListRow> = [
    { key: 'seq', title: t('projectReports.lists.seq'), width: 60, align: 'center', render: (_, _r, i) => (current - 1) * pageSize + i + 1 },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('projectReports.fields.project'),
      width: 260,
      sorter: true,
      sortOrder: table.sortOrder('name'),
      render: (_, r) => <ProjectLink id={r.id} name={r.name} />,
    },
    { key: 'ownerName', dataIndex: 'ownerName', title: t('projectReports.lists.owner'), width: 170, ellipsis: true },
    { key: 'leadUnitName', dataIndex: 'leadUnitName', title: t('projectReports.fields.leadUnit'), width: 130, ellipsis: true },
    { key: 'industry', dataIndex: 'industry', title: t('projectReports.lists.industry'), width: 120, render: (s: string) => industries.labelOf(s) },
    { key: 'stage', dataIndex: 'stage', title: t('projectReports.lists.stage'), width: 80, render: (s: YearListRow['stage']) => <StageTag stage={s} t={t} /> },
    {
      key: 'light',
      dataIndex: 'light',
      title: t('projectReports.lists.light'),
      width: 170,
      render: (_, r) => <ProjectLight light={r.light} reasons={r.lightReasons} maxWidth={160} />,
    },
    {
      key: 'totalInvestment',
      dataIndex: 'totalInvestment',
      title: t('projectReports.lists.totalInvestment'),
      align: 'right',
      width: 140,
      sorter: true,
      sortOrder: table.sortOrder('totalInvestment'),
      render: moneyCell,
    },
    {
      key: 'on',
      dataIndex: 'on',
      title: t(`projectReports.lists.on.${kind}`),
      width: 120,
      sorter: true,
      sortOrder: table.sortOrder('on'),
    },
    { key: 'annualPlan', dataIndex: 'annualPlan', title: t('projectReports.lists.annualPlan'), align: 'right', width: 130, render: moneyCell },
    { key: 'ytdCompleted', dataIndex: 'ytdCompleted', title: t('projectReports.lists.ytdCompleted'), align: 'right', width: 130, render: moneyCell },
  ];
  const totalAt = columns.findIndex((c) => c.key === 'totalInvestment');

  return (
    <div data-testid="year-lists">
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 4 }}>
        <Space wrap>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => d && table.setFilter('year', d.format('YYYY'))}
            data-testid="year-lists-year"
          />
          {can('units.read') && (
            <UnitTreeSelect
              placeholder={t('projectReports.fields.leadUnit')}
              style={{ width: 200 }}
              value={filters.leadUnitId}
              onChange={(v) => table.setFilter('leadUnitId', typeof v === 'string' ? v : undefined)}
              testId="year-lists-unit"
            />
          )}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('projectReports.lists.industry')}
            style={{ width: 180 }}
            value={filters.industry}
            onChange={(v?: string) => table.setFilter('industry', v)}
            options={industries.options}
            data-testid="year-lists-industry"
          />
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton
            path="/api/projects/year-lists/export.xlsx"
            query={table.query}
            fileName={`${year}-${t(`projectReports.lists.kinds.${kind}`)}.xlsx`}
            testId="year-lists-export"
          />
        </Space>
      </Flex>
      <Tabs
        activeKey={kind}
        onChange={(k) => table.setFilter('kind', k)}
        items={yearListKinds.map((k) => {
          const s = page?.summary?.[k];
          return {
            key: k,
            label: (
              <span data-testid={`year-list-tab-${k}`}>
                {t(`projectReports.lists.kinds.${k}`)}
                {s && (
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    {t('projectReports.lists.tabFigures', { count: s.count, amount: amount(s.totalInvestment) })}
                  </Typography.Text>
                )}
              </span>
            ),
          };
        })}
      />
      <Table<YearListRow>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        size="small"
        data-testid="year-list-table"
        summary={() =>
          page ? (
            <Table.Summary fixed="bottom">
              <Table.Summary.Row data-testid="year-list-total">
                <Table.Summary.Cell index={0} colSpan={totalAt}>
                  <Typography.Text strong>{t('projectReports.lists.total', { count: page.total })}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={totalAt} align="right">
                  <Typography.Text strong>{moneyCell(page.totalInvestment)}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={totalAt + 1} colSpan={columns.length - totalAt - 1} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </div>
  );
}
