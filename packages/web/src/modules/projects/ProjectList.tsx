// 项目库: the project ledger as a server table (GET /api/projects) with its filters, the spreadsheet tools and
// "新建项目".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Flex, Space, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Project } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { useServerTable } from '../../app/use-server-table.ts';
import { projectColumns, projectColumnsWidth, projectPath } from './project-columns.tsx';
import { ProjectFilters } from './ProjectFilters.tsx';
import { ProjectFormModal } from './ProjectFormModal.tsx';
import { ProjectTools } from './ProjectTools.tsx';

export function ProjectList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  // Links from the pipeline and the dashboards open the list on a stage or light (?stage=planned,reserve).
  const [params] = useSearchParams();
  const table = useServerTable<Project>('/api/projects', {
    filters: { stage: params.get('stage') ?? undefined, light: params.get('light') ?? undefined },
  });
  const [creating, setCreating] = useState(false);
  const { state } = table;
  const columns = projectColumns(t, table.sortOrder, (state.page - 1) * state.pageSize);
  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <ProjectFilters filters={state.filters} q={state.q} setFilter={table.setFilter} setQ={table.setQ} />
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ProjectTools query={table.query} onImported={table.reload} />
          {can('projects.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">
              {t('projects.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<Project> rowKey="id" columns={columns} {...table.tableProps} size="small" scroll={{ x: projectColumnsWidth }} data-testid="projects-table" />
      <ProjectFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          void message.success(t('projects.created', { name: p.name }));
          table.reload();
          void navigate(projectPath(p));
        }}
      />
    </>
  );
}
