// A segment of a chain in a drawer: its zone enterprises and its targets (with their leads), how many leads are
// tagged with it, and for promotion.manage the edits: the segment, a sub-segment, its companies.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, StarFilled } from '@ant-design/icons';
import type { ChainDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { leadPath } from '../leads/LeadList.tsx';
import { LeadStageTag } from '../LeadTags.tsx';

type Segment = ChainDetail['segments'][number];
type Company = Segment['companies'][number];

export interface SegmentDrawerActions {
  editSegment: (s: Segment) => void;
  addSubSegment: (s: Segment) => void;
  addCompany: (s: Segment) => void;
  editCompany: (s: Segment, c: Company) => void;
  changed: () => void;
}

export function SegmentDrawer({
  segment,
  manage,
  onClose,
  actions,
}: {
  segment: Segment | null;
  manage: boolean;
  onClose: () => void;
  actions: SegmentDrawerActions;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const run = async (path: string, after: () => void) => {
    try {
      await api.delete(path);
      void message.success(t('common.deleted'));
      after();
    } catch (err) {
      report(err);
    }
  };
  const zone = segment?.companies.filter((c) => c.kind === 'zone') ?? [];
  const targets = segment?.companies.filter((c) => c.kind === 'target') ?? [];
  const name = (c: Company) => (
    <Space size={4}>
      {c.chainLeader && (
        <Tag color="gold" icon={<StarFilled />}>
          {t('promotion.chains.chainLeader')}
        </Tag>
      )}
      <span>{c.name}</span>
    </Space>
  );
  const companyActions = (s: Segment) => ({
    title: t('common.actions'),
    key: 'actions',
    width: 120,
    render: (_: unknown, c: Company) => (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => actions.editCompany(s, c)} data-testid={`company-edit-${c.id}`}>
          {t('common.edit')}
        </Button>
        <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void run(`/api/promotion/segment-companies/${c.id}`, actions.changed)}>
          <Button type="link" size="small" danger data-testid={`company-delete-${c.id}`}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    ),
  });
  return (
    <Drawer open={!!segment} size={640} title={segment?.name} onClose={onClose} destroyOnHidden data-testid="segment-drawer">
      {segment && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {segment.gap && <Alert type="error" showIcon title={t('promotion.chains.gapHint')} data-testid="segment-gap" />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('promotion.chains.description')}>{segment.description ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('promotion.chains.leadCount')}>{segment.leadCount}</Descriptions.Item>
          </Descriptions>
          {manage && (
            <Space wrap>
              <Button onClick={() => actions.editSegment(segment)} data-testid="segment-edit">
                {t('promotion.chains.editSegmentShort')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => actions.addSubSegment(segment)} data-testid="segment-add-child">
                {t('promotion.chains.addSubSegment')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.addCompany(segment)} data-testid="segment-add-company">
                {t('promotion.chains.addCompanyShort')}
              </Button>
              <Popconfirm
                title={t('promotion.chains.deleteSegmentConfirm')}
                onConfirm={() =>
                  void run(`/api/promotion/segments/${segment.id}`, () => {
                    onClose();
                    actions.changed();
                  })
                }
              >
                <Button danger data-testid="segment-delete">
                  {t('promotion.chains.deleteSegment')}
                </Button>
              </Popconfirm>
            </Space>
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('promotion.chains.zoneEnterprises', { count: zone.length })}
          </Typography.Title>
          <Table<Company>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={zone}
            locale={{ emptyText: t('promotion.chains.noZone') }}
            columns={[
              { title: t('promotion.chains.enterprise'), key: 'name', render: (_, c) => name(c) },
              { title: t('promotion.chains.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
              ...(manage ? [companyActions(segment)] : []),
            ]}
            data-testid="segment-zone"
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('promotion.chains.targets', { count: targets.length })}
          </Typography.Title>
          <Table<Company>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={targets}
            locale={{ emptyText: t('promotion.chains.noTargets') }}
            columns={[
              { title: t('promotion.chains.targetName'), key: 'name', render: (_, c) => name(c) },
              {
                title: t('promotion.chains.lead'),
                key: 'lead',
                render: (_, c) =>
                  c.leadId ? (
                    <Space size={4}>
                      <Link to={leadPath(c.leadId)} data-testid={`segment-lead-${c.leadId}`}>
                        {c.leadCode ?? t('promotion.chains.openLead')}
                      </Link>
                      {c.leadStage && <LeadStageTag stage={c.leadStage} />}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              { title: t('promotion.chains.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
              ...(manage ? [companyActions(segment)] : []),
            ]}
            data-testid="segment-targets"
          />
        </Space>
      )}
    </Drawer>
  );
}
