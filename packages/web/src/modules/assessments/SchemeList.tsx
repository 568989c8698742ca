// The assessment schemes (考核方案): name, period kind, participants, dimensions and the last run with its status; a
// manager creates a new one.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { isEnglish, localName, periodLabel } from './assessment-ui.ts';
import { API, runPath, schemePath, type SchemeList, type SchemeListItem } from './assessment-types.ts';
import { RunStatusTag } from './AssessmentTags.tsx';

export function SchemeListView({ items, loading, canManage }: { items: SchemeListItem[]; loading?: boolean; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const col = (k: string) => t(`assessments.list.col.${k}`);
  const columns: TableColumnsType<SchemeListItem> = [
    {
      title: col('name'),
      key: 'name',
      render: (_, s) => (
        <Link to={schemePath(s.id)} data-testid={`scheme-link-${s.id}`}>
          {localName(s, english)}
        </Link>
      ),
    },
    { title: col('periodKind'), key: 'periodKind', width: 110, render: (_, s) => t(`assessments.periodKind.${s.periodKind}`) },
    {
      title: col('participants'),
      key: 'participants',
      width: 140,
      render: (_, s) => t(`assessments.participantCount.${s.participantKind}`, { count: s.participantCount }),
    },
    { title: col('dimensions'), key: 'dimensions', width: 110, render: (_, s) => t('assessments.list.dimensions', { count: s.dimensionCount }) },
    {
      title: col('lastRun'),
      key: 'lastRun',
      width: 240,
      render: (_, s) =>
        s.lastRun ? (
          <Flex gap={6} align="center" wrap>
            <Link to={runPath(s.lastRun.id)}>{periodLabel(s.lastRun.period, t)}</Link>
            <RunStatusTag status={s.lastRun.status} />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('assessments.list.noRun')}</Typography.Text>
        ),
    },
    {
      title: col('active'),
      key: 'active',
      width: 90,
      render: (_, s) => (s.active ? <Tag color="green">{t('assessments.list.active')}</Tag> : <Tag>{t('assessments.list.inactive')}</Tag>),
    },
  ];
  return (
    <>
      {canManage && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Link to="/assessments/schemes/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="scheme-create">
              {t('assessments.list.create')}
            </Button>
          </Link>
        </Flex>
      )}
      <Table<SchemeListItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assessments.list.empty') }}
        data-testid="schemes-table"
      />
    </>
  );
}

export function SchemeList() {
  const { can } = useAuth();
  const { data, loading } = useApiGet<SchemeList>(`${API}/schemes`);
  return <SchemeListView items={data?.items ?? []} loading={loading} canManage={can('assessment.manage')} />;
}
