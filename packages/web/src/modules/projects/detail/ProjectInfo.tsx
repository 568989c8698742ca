// 基本信息: every field of the project, its leaders and units with their contacts (masked by the server for users
// without field.phone), the funding mix, contractors, approval documents, the parent and the child projects.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ProjectDetail } from '@zoneops/shared';
import { useDictionary } from '../../../app/reference-data.ts';
import { formatWan } from '../format.ts';
import { fundingCheck } from '../project-ui.ts';

type Funding = ProjectDetail['funding'][number];
type Contractor = ProjectDetail['contractors'][number];
type Approval = ProjectDetail['approvals'][number];

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const amountCell = (v: string | null | undefined) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v ? formatWan(v) : '—'}</span>;

export function ProjectInfo({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  const funding = useDictionary('fundingSource');
  const check = fundingCheck(project.totalInvestment, project.funding);
  const none = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '8px 0' }} />;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="project-info">
      <Card size="small" title={t('projects.form.sections.basic')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'code', label: t('projects.col.code'), children: dash(project.code) },
            { key: 'level', label: t('projects.col.level'), children: t(`projects.level.${project.level}`) },
            { key: 'industry', label: t('projects.col.industry'), children: industries.labelOf(project.industry) },
            { key: 'category', label: t('projects.col.category'), children: t(`projects.category.${project.category}`) },
            { key: 'nature', label: t('projects.col.nature'), children: t(`projects.nature.${project.nature}`) },
            { key: 'investor', label: t('projects.col.investorType'), children: t(`projects.investorType.${project.investorType}`) },
            {
              key: 'parent',
              label: t('projects.col.parent'),
              children: project.parentId ? <Link to={`/projects/${project.parentId}`}>{project.parentName ?? project.parentId}</Link> : '—',
            },
            {
              key: 'children',
              label: t('projects.detail.children'),
              children: project.children.length ? (
                <Space size={4} wrap>
                  {project.children.map((c) => (
                    <Link key={c.id} to={`/projects/${c.id}`}>
                      <Tag>{c.name}</Tag>
                    </Link>
                  ))}
                </Space>
              ) : (
                '—'
              ),
            },
            { key: 'frequency', label: t('projects.col.reportFrequency'), children: t(`projects.frequency.${project.reportFrequency}`) },
            {
              key: 'content',
              label: t('projects.col.content'),
              span: 'filled',
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(project.content)}</span>,
            },
            {
              key: 'capacity',
              label: t('projects.col.capacity'),
              span: 'filled',
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(project.capacity)}</span>,
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('projects.form.sections.owner')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            {
              key: 'owner',
              label: t('projects.col.owner'),
              children: (
                <Space size={4}>
                  {project.ownerName}
                  {project.ownerEnterpriseId && <Tag color="blue">{t('projects.detail.registeredEnterprise')}</Tag>}
                </Space>
              ),
            },
            { key: 'contact', label: t('projects.col.ownerContact'), children: dash(project.ownerContact) },
            { key: 'phone', label: t('projects.col.ownerPhone'), children: dash(project.ownerPhone) },
            { key: 'lead', label: t('projects.col.leadUnit'), children: project.leadUnitName },
          ]}
        />
        <Typography.Text strong style={{ display: 'block', margin: '8px 0 4px' }}>
          {t('projects.col.leaders')}
        </Typography.Text>
        <Table
          size="small"
          rowKey="userId"
          pagination={false}
          dataSource={project.leaders}
          locale={{ emptyText: t('projects.detail.noLeaders') }}
          columns={[
            { title: t('projects.detail.person'), dataIndex: 'name' },
            { title: t('projects.detail.level'), dataIndex: 'level', render: (l: string) => t(`projects.leaderLevel.${l}`) },
            { title: t('projects.form.contactPhone'), dataIndex: 'phone', render: dash },
          ]}
          data-testid="project-leaders-table"
        />
        <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>
          {t('projects.col.units')}
        </Typography.Text>
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={project.units}
          locale={{ emptyText: t('projects.detail.noUnits') }}
          columns={[
            { title: t('projects.form.unit'), dataIndex: 'name' },
            { title: t('projects.detail.level'), dataIndex: 'level', render: (l: string) => t(`projects.leaderLevel.${l}`) },
            { title: t('projects.form.contactName'), dataIndex: 'contactName', render: dash },
            { title: t('projects.form.contactPhone'), dataIndex: 'contactPhone', render: dash },
          ]}
          data-testid="project-units-table"
        />
      </Card>

      <Card size="small" title={t('projects.form.sections.schedule')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 4 }}
          items={[
            { key: 'ps', label: t('projects.col.plannedStart'), children: dash(project.plannedStartOn) },
            { key: 'pc', label: t('projects.col.plannedCompletion'), children: dash(project.plannedCompletionOn) },
            { key: 'as', label: t('projects.col.actualStart'), children: dash(project.actualStartOn) },
            { key: 'ac', label: t('projects.col.actualCompletion'), children: dash(project.actualCompletionOn) },
            { key: 'prod', label: t('projects.detail.productionOn'), children: dash(project.productionOn) },
            { key: 'reserve', label: t('projects.detail.reserveOn'), children: dash(project.reserveOn) },
            { key: 'listed', label: t('projects.detail.listedOn'), children: dash(project.listedOn) },
            { key: 'year', label: t('projects.col.planYear'), children: project.planYear },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t('projects.form.sections.investment')}
        extra={
          check.differs && (
            <Typography.Text type="warning" data-testid="project-funding-differs">
              {t('projects.detail.fundingDiffers', { sum: formatWan(check.sum) })}
            </Typography.Text>
          )
        }
      >
        <Table<Funding>
          size="small"
          rowKey={(f, i) => `${f.source}-${f.subSource ?? ''}-${i ?? 0}`}
          pagination={false}
          dataSource={project.funding}
          locale={{ emptyText: t('projects.detail.noFunding') }}
          columns={[
            { title: t('projects.form.source'), dataIndex: 'source', render: (s: string) => funding.labelOf(s) },
            { title: t('projects.form.subSource'), dataIndex: 'subSource', render: (s: string | null | undefined) => (s ? funding.labelOf(s) : '—') },
            { title: t('projects.detail.amount'), dataIndex: 'amount', align: 'right', render: amountCell },
          ]}
          summary={() =>
            project.funding.length > 0 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('projects.detail.sum')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {amountCell(check.sum)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
          data-testid="project-funding-table"
        />
      </Card>

      <Card size="small" title={t('projects.form.sections.contractors')}>
        {project.contractors.length === 0 ? (
          none
        ) : (
          <Table<Contractor>
            size="small"
            rowKey={(c, i) => `${c.role}-${c.name}-${i ?? 0}`}
            pagination={false}
            dataSource={project.contractors}
            columns={[
              { title: t('projects.detail.role'), dataIndex: 'role', render: (r: string) => t(`projects.contractorRole.${r}`) },
              { title: t('projects.form.contractorName'), dataIndex: 'name' },
              { title: t('projects.form.contractNo'), dataIndex: 'contractNo', render: dash },
              { title: t('projects.detail.amount'), dataIndex: 'amount', align: 'right', render: amountCell },
            ]}
          />
        )}
      </Card>

      <Card size="small" title={t('projects.form.sections.approvals')}>
        {project.approvals.length === 0 ? (
          none
        ) : (
          <Table<Approval>
            size="small"
            rowKey={(a, i) => `${a.docNo}-${i ?? 0}`}
            pagination={false}
            dataSource={project.approvals}
            columns={[
              { title: t('projects.form.docNo'), dataIndex: 'docNo' },
              { title: t('projects.form.docTitle'), dataIndex: 'title', render: dash },
              { title: t('projects.form.authority'), dataIndex: 'authority', render: dash },
              { title: t('projects.form.issuedOn'), dataIndex: 'issuedOn', render: dash },
            ]}
          />
        )}
      </Card>

      <Card size="small" title={t('projects.form.sections.location')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'lng', label: t('projects.col.lng'), children: dash(project.lng) },
            { key: 'lat', label: t('projects.col.lat'), children: dash(project.lat) },
            { key: 'outline', label: t('projects.col.outline'), children: project.outline ? t('projects.detail.outlineSet') : '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
