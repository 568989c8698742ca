// 外出招商 and 接待客商: the trips (GET/POST /api/promotion/trips, PATCH/DELETE …/:id) and the receptions
// (/api/promotion/receptions) as server tables filtered by team and period, each with its form: for a trip the
// destination, dates, members, companies visited (tags), outcome and the leads followed; for a reception the visitor,
// host, purpose, outcome and leads.
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  App,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { receptionSchema, tripSchema } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { shanghaiToday } from '../../../app/format.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';
import { UserSelect } from '../../ledger/UserSelect.tsx';
import { UsersSelect } from '../../ledger/UsersSelect.tsx';
import { leadPath } from '../leads/LeadList.tsx';
import { LeadSelect, TeamSelect } from '../pickers.tsx';

export type Trip = z.infer<typeof tripSchema>;
export type Reception = z.infer<typeof receptionSchema>;
type LeadRef = Trip['leads'][number];

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

function LeadLinks({ leads }: { leads: LeadRef[] }) {
  if (leads.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap style={{ maxWidth: 260 }}>
      {leads.map((l) => (
        <Link key={l.id} to={leadPath(l.id)}>
          <Tag color="blue" style={{ cursor: 'pointer' }}>
            {l.company}
          </Tag>
        </Link>
      ))}
    </Space>
  );
}

const clip = (v: string | null, width = 240) =>
  v ? (
    <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: width }}>
      {v}
    </Typography.Text>
  ) : (
    '—'
  );

export interface ActivityFormProps<T> {
  open: boolean;
  row: T | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The toolbar and table of an activity list, with its team and period filters, the row actions and the form. */
function ActivityList<T extends { id: string }>({
  path,
  sortField,
  columns,
  createLabel,
  Form: FormModal,
  testId,
}: {
  path: string;
  sortField: string;
  columns: TableColumnsType<T>;
  createLabel: string;
  Form: (props: ActivityFormProps<T>) => ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { can } = useAuth();
  const table = useServerTable<T>(path, { sort: `-${sortField}` });
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);
  const write = can('promotion.write');
  const remove = async (row: T) => {
    try {
      await api.delete(`${path}/${row.id}`);
      void message.success(t('common.deleted'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };
  const withSort = columns.map((c) => (c.key === sortField ? { ...c, sorter: true, sortOrder: table.sortOrder(sortField) } : c));
  const actions: TableColumnsType<T> = write
    ? [
        {
          title: t('common.actions'),
          key: 'actions',
          fixed: 'right',
          width: 120,
          render: (_, row) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setEditing({ row })} data-testid={`${testId}-edit-${row.id}`}>
                {t('common.edit')}
              </Button>
              <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void remove(row)}>
                <Button type="link" size="small" danger data-testid={`${testId}-delete-${row.id}`}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]
    : [];
  return (
    <>
      <Flex gap={8} justify="space-between" wrap style={{ marginBottom: 12 }}>
        <Space wrap>
          <TeamSelect
            placeholder={t('promotion.col.team')}
            style={{ width: 160 }}
            value={table.state.filters.teamId}
            onChange={(v) => table.setFilter('teamId', v)}
            testId={`${testId}-filter-team`}
          />
          <DatePicker.RangePicker
            onChange={(r) => table.setFilters({ from: r?.[0] ? day(r[0]) : undefined, to: r?.[1] ? day(r[1]) : undefined })}
            data-testid={`${testId}-filter-range`}
          />
          <Input.Search allowClear placeholder={t('promotion.filter.activityQ')} style={{ width: 200 }} onSearch={table.setQ} />
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          {write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })} data-testid={`${testId}-create`}>
              {createLabel}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<T> rowKey="id" columns={[...withSort, ...actions]} {...table.tableProps} size="small" data-testid={`${testId}-table`} />
      <FormModal
        open={!!editing}
        row={editing?.row ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          table.reload();
          void message.success(t('common.saved'));
        }}
      />
    </>
  );
}

export function tripColumns(t: (k: string) => string): TableColumnsType<Trip> {
  return [
    { title: t('promotion.trip.destination'), dataIndex: 'destination', key: 'destination', width: 160 },
    { title: t('promotion.trip.dates'), key: 'startOn', width: 190, render: (_, r) => `${r.startOn} ~ ${r.endOn}` },
    { title: t('promotion.col.team'), dataIndex: 'teamName', key: 'team', render: (v: string | null) => v ?? '—' },
    { title: t('promotion.trip.members'), key: 'members', render: (_, r) => r.members.map((m) => m.displayName).join(t('common.listSeparator')) },
    {
      title: t('promotion.trip.companies'),
      key: 'companies',
      render: (_, r) => (
        <Space size={[4, 4]} wrap style={{ maxWidth: 280 }}>
          {r.companiesVisited.map((c, i) => (
            <Tag key={`${c}-${i}`}>{c}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('promotion.trip.outcome'), dataIndex: 'outcome', key: 'outcome', render: (v: string | null) => clip(v) },
    { title: t('promotion.trip.leads'), key: 'leads', render: (_, r) => <LeadLinks leads={r.leads} /> },
  ];
}

export function receptionColumns(t: (k: string) => string): TableColumnsType<Reception> {
  return [
    { title: t('promotion.reception.heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 110 },
    { title: t('promotion.reception.visitorCompany'), dataIndex: 'visitorCompany', key: 'visitorCompany', width: 200 },
    { title: t('promotion.reception.visitors'), dataIndex: 'visitors', key: 'visitors', render: (v: string) => clip(v, 200) },
    { title: t('promotion.reception.host'), dataIndex: 'hostName', key: 'host' },
    { title: t('promotion.col.team'), dataIndex: 'teamName', key: 'team', render: (v: string | null) => v ?? '—' },
    { title: t('promotion.reception.purpose'), dataIndex: 'purpose', key: 'purpose', render: (v: string) => clip(v) },
    { title: t('promotion.trip.outcome'), dataIndex: 'outcome', key: 'outcome', render: (v: string | null) => clip(v) },
    { title: t('promotion.trip.leads'), key: 'leads', render: (_, r) => <LeadLinks leads={r.leads} /> },
  ];
}

// ---- trips ----------------------------------------------------------------------------------------------------------

interface TripValues {
  teamId?: string | null;
  destination: string;
  dates: [Dayjs, Dayjs];
  memberUserIds: string[];
  companiesVisited?: string[];
  outcome?: string | null;
  leadIds?: string[];
}

function TripFormModal({ open, row: trip, onClose, onSaved }: ActivityFormProps<Trip>) {
  const { t } = useTranslation();
  const initial = useMemo<TripValues>(
    () =>
      trip
        ? {
            teamId: trip.teamId,
            destination: trip.destination,
            dates: [dayjs(trip.startOn), dayjs(trip.endOn)],
            memberUserIds: trip.members.map((m) => m.userId),
            companiesVisited: trip.companiesVisited,
            outcome: trip.outcome,
            leadIds: trip.leads.map((l) => l.id),
          }
        : ({ destination: '', memberUserIds: [], companiesVisited: [], leadIds: [] } as unknown as TripValues),
    [trip],
  );
  const { form, modalProps } = useModalForm<TripValues>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = {
        teamId: v.teamId ?? null,
        destination: v.destination.trim(),
        startOn: day(v.dates[0]),
        endOn: day(v.dates[1]),
        memberUserIds: v.memberUserIds,
        companiesVisited: (v.companiesVisited ?? []).map((c) => c.trim()).filter(Boolean),
        outcome: blank(v.outcome),
        leadIds: v.leadIds ?? [],
      };
      if (trip) await api.patch(`/api/promotion/trips/${trip.id}`, body);
      else await api.post('/api/promotion/trips', body);
      onSaved();
    },
  });
  return (
    <Modal
      {...modalProps}
      width={760}
      title={trip ? t('promotion.trip.editTitle') : t('promotion.trip.createTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'trip-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="destination" label={t('promotion.trip.destination')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="trip-form-destination" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dates" label={t('promotion.trip.dates')} rules={[{ required: true }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} data-testid="trip-form-dates" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="teamId" label={t('promotion.col.team')}>
              <TeamSelect testId="trip-form-team" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="memberUserIds" label={t('promotion.trip.members')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <UsersSelect known={trip?.members.map((m) => ({ id: m.userId, name: m.displayName })) ?? []} testId="trip-form-members" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="companiesVisited" label={t('promotion.trip.companies')} extra={t('promotion.trip.companiesHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="trip-form-companies" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="outcome" label={t('promotion.trip.outcome')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="trip-form-outcome" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="leadIds" label={t('promotion.trip.leads')}>
              <LeadSelect multiple known={trip?.leads} testId="trip-form-leads" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function TripsTab() {
  const { t } = useTranslation();
  return (
    <ActivityList<Trip>
      path="/api/promotion/trips"
      sortField="startOn"
      columns={tripColumns(t)}
      createLabel={t('promotion.trip.create')}
      Form={TripFormModal}
      testId="trips"
    />
  );
}

// ---- receptions -----------------------------------------------------------------------------------------------------

interface ReceptionValues {
  teamId?: string | null;
  heldOn: Dayjs;
  visitorCompany: string;
  visitors: string;
  hostUserId?: string;
  purpose: string;
  outcome?: string | null;
  leadIds?: string[];
}

function ReceptionFormModal({ open, row, onClose, onSaved }: ActivityFormProps<Reception>) {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const initial = useMemo<ReceptionValues>(
    () =>
      row
        ? {
            teamId: row.teamId,
            heldOn: dayjs(row.heldOn),
            visitorCompany: row.visitorCompany,
            visitors: row.visitors,
            hostUserId: row.hostUserId,
            purpose: row.purpose,
            outcome: row.outcome,
            leadIds: row.leads.map((l) => l.id),
          }
        : { heldOn: dayjs(today), visitorCompany: '', visitors: '', purpose: '', leadIds: [] },
    [row, today],
  );
  const { form, modalProps } = useModalForm<ReceptionValues>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = {
        teamId: v.teamId ?? null,
        heldOn: day(v.heldOn),
        visitorCompany: v.visitorCompany.trim(),
        visitors: v.visitors.trim(),
        hostUserId: v.hostUserId,
        purpose: v.purpose.trim(),
        outcome: blank(v.outcome),
        leadIds: v.leadIds ?? [],
      };
      if (row) await api.patch(`/api/promotion/receptions/${row.id}`, body);
      else await api.post('/api/promotion/receptions', body);
      onSaved();
    },
  });
  return (
    <Modal
      {...modalProps}
      width={760}
      title={row ? t('promotion.reception.editTitle') : t('promotion.reception.createTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'reception-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="visitorCompany" label={t('promotion.reception.visitorCompany')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="reception-form-company" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="heldOn" label={t('promotion.reception.heldOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="reception-form-held-on" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="teamId" label={t('promotion.col.team')}>
              <TeamSelect testId="reception-form-team" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="visitors"
              label={t('promotion.reception.visitors')}
              rules={[{ required: true, whitespace: true, max: 500 }]}
              extra={t('promotion.reception.visitorsHint')}
            >
              <Input data-testid="reception-form-visitors" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hostUserId" label={t('promotion.reception.host')} rules={[{ required: true }]}>
              <UserSelect testId="reception-form-host" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="purpose" label={t('promotion.reception.purpose')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} data-testid="reception-form-purpose" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="outcome" label={t('promotion.trip.outcome')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="reception-form-outcome" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="leadIds" label={t('promotion.trip.leads')}>
              <LeadSelect multiple known={row?.leads} testId="reception-form-leads" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function ReceptionsTab() {
  const { t } = useTranslation();
  return (
    <ActivityList<Reception>
      path="/api/promotion/receptions"
      sortField="heldOn"
      columns={receptionColumns(t)}
      createLabel={t('promotion.reception.create')}
      Form={ReceptionFormModal}
      testId="receptions"
    />
  );
}
