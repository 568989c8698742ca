// One batch of the concentrated ceremonies: the headline ("集中开工项目N个，总投资X亿元"), the linked projects by role,
// Print (a plain sheet that only the printer sees: ceremony-print.css) and the Excel list.
import { useCallback } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Button, Descriptions, Drawer, Flex, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { CeremonyBatch, CeremonyRole } from '@zoneops/shared';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { useApiGet } from '../../../app/use-api.ts';
import { formatWan } from '../format.ts';
import { headlineAmount } from '../reports/money.ts';
import { moneyCell } from '../reports/report-cells.tsx';
import { groupByRole, headlineFigures, type RoleGroup } from './ceremony-ui.ts';
import { ProjectLink, useStageName } from './project-cells.tsx';
import './ceremony-print.css';

/** The headline of a batch in the page's language. */
export function useCeremonyHeadline(): (batch: Pick<CeremonyBatch, 'byRole' | 'projects' | 'count' | 'totalInvestment'>) => string {
  const { t } = useTranslation();
  return useCallback(
    (batch) => {
      const amount = (s: string) => {
        const a = headlineAmount(s);
        return t(`projectReports.amount.${a.unit}`, { value: a.value });
      };
      const parts = headlineFigures(batch).map((f) => t(`projectReports.ceremonies.headline.${f.role}`, { count: f.count, amount: amount(f.totalInvestment) }));
      if (parts.length === 1) return parts[0]!;
      const total = t('projectReports.ceremonies.headline.total', { count: batch.count, amount: amount(batch.totalInvestment) });
      return parts.length ? `${total}${t('projectReports.ceremonies.headline.among')}${parts.join(t('projectReports.ceremonies.headline.separator'))}` : total;
    },
    [t],
  );
}

/** The printable list: a title, the headline and one bordered table per role. Hidden on screen. */
function PrintSheet({ batch, groups, headline }: { batch: CeremonyBatch; groups: RoleGroup[]; headline: string }) {
  const { t } = useTranslation();
  const stageLabel = useStageName();
  const f = (k: string) => t(`projectReports.${k}`);
  return createPortal(
    <div className="zo-print-sheet" data-testid="ceremony-print-sheet">
      <h1>{batch.name}</h1>
      <p className="zo-print-meta">
        {t('projectReports.ceremonies.printDate', { date: batch.heldOn })}
        {batch.place && <span style={{ marginLeft: '2em' }}>{t('projectReports.ceremonies.printPlace', { place: batch.place })}</span>}
      </p>
      <p className="zo-print-headline">{headline}</p>
      {groups.map((g) => (
        <section key={g.role}>
          <h2>
            {t('projectReports.ceremonies.groupHeading', {
              title: t(`projectReports.ceremonies.groupTitle.${g.role}`, { count: g.count }),
              amount: formatWan(g.totalInvestment),
            })}
          </h2>
          <table>
            <colgroup>
              {['6%', '30%', '22%', '18%', '8%', '16%'].map((w, i) => (
                <col key={i} style={{ width: w }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th>{f('lists.seq')}</th>
                <th>{f('fields.project')}</th>
                <th>{f('lists.owner')}</th>
                <th>{f('fields.leadUnit')}</th>
                <th>{f('lists.stage')}</th>
                <th>{f('lists.totalInvestment')}</th>
              </tr>
            </thead>
            <tbody>
              {g.projects.map((p, i) => (
                <tr key={p.projectId}>
                  <td className="zo-print-seq">{i + 1}</td>
                  <td>{p.name}</td>
                  <td>{p.ownerName}</td>
                  <td>{p.leadUnitName}</td>
                  <td>{stageLabel(p.stage)}</td>
                  <td className="zo-print-num">{formatWan(p.totalInvestment)}</td>
                </tr>
              ))}
              <tr className="zo-print-total">
                <td colSpan={5}>{t('projectReports.lists.total', { count: g.count })}</td>
                <td className="zo-print-num">{formatWan(g.totalInvestment)}</td>
              </tr>
            </tbody>
          </table>
        </section>
      ))}
      {batch.note && <p className="zo-print-note">{t('projectReports.ceremonies.printNote', { note: batch.note })}</p>}
    </div>,
    document.body,
  );
}

const roleColours: Record<CeremonyRole, string> = { start: '#1b4d89', completion: '#2e9d8f', production: '#d9823b' };

export function CeremonyDrawer({ batch: listed, onClose }: { batch: CeremonyBatch | null; onClose: () => void }) {
  const { t } = useTranslation();
  const stageLabel = useStageName();
  const headlineOf = useCeremonyHeadline();
  const { data } = useApiGet<CeremonyBatch>(listed ? `/api/ceremonies/${listed.id}` : null);
  const batch = data && listed && data.id === listed.id ? data : listed;
  const groups = batch ? groupByRole(batch.projects) : [];
  const headline = batch ? headlineOf(batch) : '';

  return (
    <Drawer
      open={listed !== null}
      onClose={onClose}
      size={860}
      title={batch?.name}
      destroyOnHidden
      extra={
        batch && (
          <Space>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="ceremony-print">
              {t('projectReports.ceremonies.print')}
            </Button>
            <ExportButton path={`/api/ceremonies/${batch.id}/export.xlsx`} query={{}} fileName={`${batch.name}.xlsx`} testId="ceremony-export" />
          </Space>
        )
      }
      data-testid="ceremony-drawer"
    >
      {batch && (
        <Flex vertical gap={16}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="ceremony-headline">
            {headline}
          </Typography.Title>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('projectReports.ceremonies.heldOn')}>{batch.heldOn}</Descriptions.Item>
            <Descriptions.Item label={t('projectReports.ceremonies.place')}>{batch.place ?? '—'}</Descriptions.Item>
            {batch.note && (
              <Descriptions.Item label={t('projectReports.ceremonies.note')} span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{batch.note}</Typography.Paragraph>
              </Descriptions.Item>
            )}
          </Descriptions>
          {groups.map((g) => (
            <div key={g.role} data-testid={`ceremony-group-${g.role}`}>
              <Typography.Title level={5} style={{ borderLeft: `3px solid ${roleColours[g.role]}`, paddingLeft: 8 }}>
                {t(`projectReports.ceremonies.groupTitle.${g.role}`, { count: g.count })}
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
                  {t('projectReports.ceremonies.groupAmount', { amount: formatWan(g.totalInvestment) })}
                </Typography.Text>
              </Typography.Title>
              <Table
                rowKey="projectId"
                size="small"
                pagination={false}
                dataSource={g.projects}
                columns={[
                  { key: 'seq', title: t('projectReports.lists.seq'), width: 56, align: 'center', render: (_, _p, i) => i + 1 },
                  { key: 'name', title: t('projectReports.fields.project'), render: (_, p) => <ProjectLink id={p.projectId} name={p.name} maxWidth={260} /> },
                  { key: 'ownerName', dataIndex: 'ownerName', title: t('projectReports.lists.owner'), ellipsis: true },
                  { key: 'leadUnitName', dataIndex: 'leadUnitName', title: t('projectReports.fields.leadUnit'), ellipsis: true, width: 140 },
                  { key: 'stage', dataIndex: 'stage', title: t('projectReports.lists.stage'), width: 72, render: stageLabel },
                  {
                    key: 'totalInvestment',
                    dataIndex: 'totalInvestment',
                    title: t('projectReports.lists.totalInvestment'),
                    width: 130,
                    align: 'right',
                    render: moneyCell,
                  },
                ]}
              />
            </div>
          ))}
          <PrintSheet batch={batch} groups={groups} headline={headline} />
        </Flex>
      )}
    </Drawer>
  );
}
