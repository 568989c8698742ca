// The six tabs of the closed-park registry: checkpoints (with lanes and, expanded, their devices), vehicles, carriers,
// people, white/black lists and position terminals — columns, filters and form fields of each.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Tag, Tooltip } from 'antd';
import { DisconnectOutlined, LinkOutlined, MinusCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  accessListKinds,
  accessSubjectKinds,
  checkpointKinds,
  expiryStates,
  laneDirections,
  licensedHazmatClasses,
  parkPersonKinds,
  plateColors,
  positionProtocols,
  vehicleBodies,
  vehicleCategories,
  type AccessListEntry,
  type Carrier,
  type ParkCheckpoint,
  type ParkPerson,
  type ParkVehicle,
  type Page,
  type PositionTerminal,
} from '@zoneops/shared';
import type { TFunction } from 'i18next';
import { api } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { DevicePanel } from './DevicePanel.tsx';
import { ExpiryTag, type RegistryTabSpec, type ServerTable, type Values } from './RegistryTab.tsx';

const BASE = '/api/park/registry';
const enumSelect = (t: TFunction, prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
const filterSelect = <T,>(table: ServerTable<T>, name: string, placeholder: string, options: { value: string; label: string }[], width = 140) => (
  <Select
    allowClear
    placeholder={placeholder}
    style={{ width }}
    value={table.state.filters[name]}
    onChange={(v?: string) => table.setFilter(name, v)}
    options={options}
    data-testid={`filter-${name}`}
  />
);
const expiryFilter = <T,>(table: ServerTable<T>, name: string, t: TFunction) =>
  filterSelect(table, name, t(`parkRegistry.filter.${name}`), enumSelect(t, 'parkRegistry.expiry', expiryStates));
const dateInput = <Input type="date" style={{ width: 180 }} />;
/** Empty inputs are sent as null (cleared), not as ''. */
const nulled = (values: Values): Values => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === undefined ? null : v]));

export const checkpointsTab: RegistryTabSpec<ParkCheckpoint> = {
  key: 'checkpoints',
  path: `${BASE}/checkpoints`,
  defaultSort: 'code',
  editable: true,
  removable: true,
  columns: (t, sorted) => [
    { title: t('parkRegistry.col.code'), dataIndex: 'code', ...sorted('code') },
    { title: t('parkRegistry.col.name'), dataIndex: 'name', ...sorted('name') },
    {
      title: t('parkRegistry.col.kind'),
      dataIndex: 'kind',
      ...sorted('kind'),
      render: (k: string) => <Tag color="blue">{t(`parkRegistry.checkpointKinds.${k}`)}</Tag>,
    },
    {
      title: t('parkRegistry.col.open'),
      dataIndex: 'open',
      render: (o: boolean) => (o ? <Tag color="green">{t('parkRegistry.open')}</Tag> : <Tag>{t('parkRegistry.closed')}</Tag>),
    },
    {
      title: t('parkRegistry.col.lanes'),
      dataIndex: 'lanes',
      render: (lanes: ParkCheckpoint['lanes']) => lanes.map((l) => `${l.code}·${t(`parkRegistry.directions.${l.direction}`)}`).join('、') || '—',
    },
    {
      title: t('parkRegistry.col.allowed'),
      dataIndex: 'allowedCategories',
      render: (cs: string[]) => cs.map((c) => <Tag key={c}>{t(`parkRegistry.categories.${c}`)}</Tag>),
    },
    { title: t('parkRegistry.col.devices'), dataIndex: 'devices', render: (d: unknown[]) => d.length },
  ],
  filters: (table, t) => [
    <span key="kind">{filterSelect(table, 'kind', t('parkRegistry.col.kind'), enumSelect(t, 'parkRegistry.checkpointKinds', checkpointKinds))}</span>,
  ],
  toForm: (r) => ({ code: r.code, name: r.name, kind: r.kind, lanes: r.lanes, allowedCategories: r.allowedCategories, lon: r.lon, lat: r.lat, open: r.open }),
  toBody: (v) => ({ ...v, lanes: (v.lanes as unknown[] | undefined) ?? [], lon: v.lon ?? null, lat: v.lat ?? null }),
  form: (t) => (
    <>
      <Space wrap>
        <Form.Item name="code" label={t('parkRegistry.col.code')} rules={[{ required: true }]}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="name" label={t('parkRegistry.col.name')} rules={[{ required: true }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('parkRegistry.col.kind')} rules={[{ required: true }]}>
          <Select style={{ width: 160 }} options={enumSelect(t, 'parkRegistry.checkpointKinds', checkpointKinds)} />
        </Form.Item>
      </Space>
      <Form.Item name="allowedCategories" label={t('parkRegistry.col.allowed')} extra={t('parkRegistry.allowedHint')}>
        <Select mode="multiple" allowClear options={enumSelect(t, 'parkRegistry.categories', vehicleCategories)} />
      </Form.Item>
      <Form.List name="lanes">
        {(fields, { add, remove }) => (
          <Form.Item label={t('parkRegistry.col.lanes')}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline">
                <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}>
                  <Input placeholder={t('parkRegistry.laneCode')} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                  <Input placeholder={t('parkRegistry.laneName')} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'direction']} rules={[{ required: true }]}>
                  <Select style={{ width: 100 }} options={enumSelect(t, 'parkRegistry.directions', laneDirections)} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.delete')} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ direction: 'in' })}>
              {t('parkRegistry.addLane')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Space wrap>
        <Form.Item name="lon" label={t('parkRegistry.lon')}>
          <InputNumber min={-180} max={180} step={0.000001} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="lat" label={t('parkRegistry.lat')}>
          <InputNumber min={-90} max={90} step={0.000001} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="open" label={t('parkRegistry.col.open')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
    </>
  ),
  expandable: (row, reload) => <DevicePanel checkpoint={row} onChanged={reload} />,
};

export const vehiclesTab: RegistryTabSpec<ParkVehicle> = {
  key: 'vehicles',
  path: `${BASE}/vehicles`,
  defaultSort: 'plate',
  editable: true,
  removable: true,
  columns: (t, sorted) => [
    {
      title: t('parkRegistry.col.plate'),
      dataIndex: 'plate',
      ...sorted('plate'),
      render: (p: string, r) => (
        <Space size={4}>
          <span className="zo-mono">{p}</span>
          {r.plateKind === 'newEnergy' && <Tag color="green">{t('parkRegistry.newEnergy')}</Tag>}
        </Space>
      ),
    },
    { title: t('parkRegistry.col.category'), dataIndex: 'category', ...sorted('category'), render: (c: string) => t(`parkRegistry.categories.${c}`) },
    { title: t('parkRegistry.col.body'), dataIndex: 'body', render: (b: string) => t(`parkRegistry.bodies.${b}`) },
    { title: t('parkRegistry.col.hazmatClasses'), dataIndex: 'hazmatClasses', render: (cs: string[]) => cs.map((c) => <Tag key={c}>{c}</Tag>) },
    { title: t('parkRegistry.col.carrier'), dataIndex: 'carrierName', ...sorted('carrierName'), render: (v: string | null) => v ?? '—' },
    {
      title: t('parkRegistry.col.cert'),
      dataIndex: 'transportCertExpiresOn',
      ...sorted('transportCertExpiresOn'),
      render: (d: string | null, r) => <ExpiryTag state={r.certState} date={d} />,
    },
    { title: t('parkRegistry.col.terminals'), dataIndex: 'terminals', render: (ts: ParkVehicle['terminals']) => ts.map((x) => x.identifier).join('、') || '—' },
  ],
  filters: (table, t) => [
    <span key="c">{filterSelect(table, 'category', t('parkRegistry.col.category'), enumSelect(t, 'parkRegistry.categories', vehicleCategories))}</span>,
    <span key="h">
      {filterSelect(
        table,
        'hazmatClass',
        t('parkRegistry.col.hazmatClasses'),
        licensedHazmatClasses.map((c) => ({ value: c, label: c })),
        110,
      )}
    </span>,
    <span key="e">{expiryFilter(table, 'certState', t)}</span>,
  ],
  toForm: (r) => ({
    plate: r.plate,
    plateColor: r.plateColor,
    category: r.category,
    body: r.body,
    hazmatClasses: r.hazmatClasses,
    carrierId: r.carrierId,
    transportCertNo: r.transportCertNo,
    transportCertExpiresOn: r.transportCertExpiresOn,
  }),
  toBody: (v) => nulled(v),
  form: (t) => (
    <>
      <Space wrap>
        <Form.Item name="plate" label={t('parkRegistry.col.plate')} rules={[{ required: true }]} extra={t('parkRegistry.plateHint')}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="plateColor" label={t('parkRegistry.plateColor')} initialValue="yellow">
          <Select style={{ width: 120 }} options={enumSelect(t, 'parkRegistry.plateColors', plateColors)} />
        </Form.Item>
        <Form.Item name="category" label={t('parkRegistry.col.category')} rules={[{ required: true }]}>
          <Select style={{ width: 150 }} options={enumSelect(t, 'parkRegistry.categories', vehicleCategories)} />
        </Form.Item>
        <Form.Item name="body" label={t('parkRegistry.col.body')} initialValue="other">
          <Select style={{ width: 110 }} options={enumSelect(t, 'parkRegistry.bodies', vehicleBodies)} />
        </Form.Item>
      </Space>
      <Form.Item name="hazmatClasses" label={t('parkRegistry.col.hazmatClasses')}>
        <Select mode="multiple" allowClear options={licensedHazmatClasses.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="carrierId" label={t('parkRegistry.col.carrier')}>
        <CarrierSelect />
      </Form.Item>
      <Space wrap>
        <Form.Item name="transportCertNo" label={t('parkRegistry.certNo')}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="transportCertExpiresOn" label={t('parkRegistry.col.cert')}>
          {dateInput}
        </Form.Item>
      </Space>
    </>
  ),
};

export const carriersTab: RegistryTabSpec<Carrier> = {
  key: 'carriers',
  path: `${BASE}/carriers`,
  defaultSort: 'name',
  editable: true,
  removable: true,
  columns: (t, sorted) => [
    { title: t('parkRegistry.col.name'), dataIndex: 'name', ...sorted('name') },
    { title: t('parkRegistry.col.licenceNo'), dataIndex: 'licenceNo', ...sorted('licenceNo') },
    {
      title: t('parkRegistry.col.licence'),
      dataIndex: 'licenceExpiresOn',
      ...sorted('licenceExpiresOn'),
      render: (d: string | null, r) => <ExpiryTag state={r.licenceState} date={d} />,
    },
    { title: t('parkRegistry.col.contact'), key: 'contact', render: (_: unknown, r) => [r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—' },
    { title: t('parkRegistry.col.vehicles'), dataIndex: 'vehicles' },
    { title: t('parkRegistry.col.people'), dataIndex: 'people' },
  ],
  filters: (table, t) => [<span key="l">{expiryFilter(table, 'licenceState', t)}</span>],
  toForm: (r) => ({
    name: r.name,
    uscc: r.uscc,
    licenceNo: r.licenceNo,
    licenceExpiresOn: r.licenceExpiresOn,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    address: r.address,
  }),
  toBody: (v) => nulled(v),
  form: (t) => (
    <>
      <Form.Item name="name" label={t('parkRegistry.col.name')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="uscc" label={t('parkRegistry.uscc')}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="licenceNo" label={t('parkRegistry.col.licenceNo')} rules={[{ required: true }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="licenceExpiresOn" label={t('parkRegistry.col.licence')}>
          {dateInput}
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="contactName" label={t('parkRegistry.contactName')}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('parkRegistry.phone')}>
          <Input style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label={t('parkRegistry.address')}>
        <Input />
      </Form.Item>
    </>
  ),
};

export const peopleTab: RegistryTabSpec<ParkPerson> = {
  key: 'people',
  path: `${BASE}/people`,
  defaultSort: 'name',
  editable: true,
  removable: true,
  columns: (t, sorted) => [
    { title: t('parkRegistry.col.personName'), dataIndex: 'name', ...sorted('name') },
    { title: t('parkRegistry.col.personKind'), dataIndex: 'kind', ...sorted('kind'), render: (k: string) => <Tag>{t(`parkRegistry.personKinds.${k}`)}</Tag> },
    { title: t('parkRegistry.idNumber'), dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
    { title: t('parkRegistry.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('parkRegistry.col.carrier'), dataIndex: 'carrierName', ...sorted('carrierName'), render: (v: string | null) => v ?? '—' },
    {
      title: t('parkRegistry.col.qualification'),
      dataIndex: 'qualificationExpiresOn',
      ...sorted('qualificationExpiresOn'),
      render: (d: string | null, r) => <ExpiryTag state={r.qualificationState} date={d} />,
    },
    { title: t('parkRegistry.personCode'), dataIndex: 'personCode', render: (v: string | null) => v ?? '—' },
  ],
  filters: (table, t) => [
    <span key="k">{filterSelect(table, 'kind', t('parkRegistry.col.personKind'), enumSelect(t, 'parkRegistry.personKinds', parkPersonKinds), 110)}</span>,
    <span key="q">{expiryFilter(table, 'qualificationState', t)}</span>,
  ],
  toForm: (r) => ({
    kind: r.kind,
    name: r.name,
    idNumber: r.idNumber,
    phone: r.phone,
    carrierId: r.carrierId,
    qualificationNo: r.qualificationNo,
    qualificationExpiresOn: r.qualificationExpiresOn,
    personCode: r.personCode,
  }),
  toBody: (v) => nulled(v),
  form: (t) => (
    <>
      <Space wrap>
        <Form.Item name="kind" label={t('parkRegistry.col.personKind')} rules={[{ required: true }]}>
          <Select style={{ width: 120 }} options={enumSelect(t, 'parkRegistry.personKinds', parkPersonKinds)} />
        </Form.Item>
        <Form.Item name="name" label={t('parkRegistry.col.personName')} rules={[{ required: true }]}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('parkRegistry.idNumber')}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="phone" label={t('parkRegistry.phone')}>
          <Input style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item name="carrierId" label={t('parkRegistry.col.carrier')}>
        <CarrierSelect />
      </Form.Item>
      <Space wrap>
        <Form.Item name="qualificationNo" label={t('parkRegistry.qualificationNo')} extra={t('parkRegistry.qualificationHint')}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="qualificationExpiresOn" label={t('parkRegistry.col.qualification')}>
          {dateInput}
        </Form.Item>
        <Form.Item name="personCode" label={t('parkRegistry.personCode')}>
          <Input style={{ width: 140 }} />
        </Form.Item>
      </Space>
    </>
  ),
};

export const listsTab: RegistryTabSpec<AccessListEntry> = {
  key: 'lists',
  path: `${BASE}/lists`,
  defaultSort: '-createdAt',
  columns: (t, sorted) => [
    {
      title: t('parkRegistry.col.list'),
      dataIndex: 'list',
      render: (l: string) => <Tag color={l === 'black' ? 'black' : 'default'}>{t(`parkRegistry.listKinds.${l}`)}</Tag>,
    },
    { title: t('parkRegistry.col.subject'), key: 'subject', ...sorted('plate'), render: (_: unknown, r) => r.plate ?? r.personName ?? '—' },
    { title: t('parkRegistry.col.reason'), dataIndex: 'reason' },
    { title: t('parkRegistry.col.validFrom'), dataIndex: 'validFrom', ...sorted('validFrom'), render: (v: string) => formatDateTime(v, false) },
    { title: t('parkRegistry.col.validTo'), dataIndex: 'validTo', ...sorted('validTo'), render: (v: string | null) => (v ? formatDateTime(v, false) : '—') },
    {
      title: t('parkRegistry.col.state'),
      key: 'state',
      render: (_: unknown, r) =>
        r.revokedAt ? (
          <Tag>{t('parkRegistry.revoked')}</Tag>
        ) : r.effective ? (
          <Tag color="green">{t('parkRegistry.effective')}</Tag>
        ) : (
          <Tag color="orange">{t('parkRegistry.notEffective')}</Tag>
        ),
    },
  ],
  filters: (table, t) => [
    <span key="l">{filterSelect(table, 'list', t('parkRegistry.col.list'), enumSelect(t, 'parkRegistry.listKinds', accessListKinds), 110)}</span>,
    <span key="e">
      {filterSelect(
        table,
        'effective',
        t('parkRegistry.col.state'),
        [
          { value: 'true', label: t('parkRegistry.effective') },
          { value: 'false', label: t('parkRegistry.notEffective') },
        ],
        120,
      )}
    </span>,
  ],
  toBody: (v) => {
    const out = nulled(v);
    for (const k of ['validFrom', 'validTo']) if (typeof out[k] === 'string') out[k] = new Date(out[k]).toISOString();
    return out;
  },
  form: (t) => (
    <>
      <Space wrap>
        <Form.Item name="list" label={t('parkRegistry.col.list')} rules={[{ required: true }]} initialValue="white">
          <Select style={{ width: 110 }} options={enumSelect(t, 'parkRegistry.listKinds', accessListKinds)} />
        </Form.Item>
        <Form.Item name="subjectKind" label={t('parkRegistry.subjectKind')} rules={[{ required: true }]} initialValue="vehicle">
          <Select style={{ width: 110 }} options={enumSelect(t, 'parkRegistry.subjectKinds', accessSubjectKinds)} />
        </Form.Item>
        <Form.Item noStyle dependencies={['subjectKind']}>
          {({ getFieldValue }) =>
            getFieldValue('subjectKind') === 'person' ? (
              <Form.Item name="personId" label={t('parkRegistry.person')} rules={[{ required: true }]}>
                <PersonSelect />
              </Form.Item>
            ) : (
              <Form.Item name="plate" label={t('parkRegistry.col.plate')} rules={[{ required: true }]}>
                <Input style={{ width: 160 }} />
              </Form.Item>
            )
          }
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={t('parkRegistry.col.reason')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="validFrom" label={t('parkRegistry.col.validFrom')}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="validTo" label={t('parkRegistry.col.validTo')}>
          <Input type="datetime-local" />
        </Form.Item>
      </Space>
    </>
  ),
  rowActions: (r, run, t) =>
    !r.revokedAt && (
      <Popconfirm title={t('parkRegistry.revokeConfirm')} onConfirm={() => run(() => api.post(`${BASE}/lists/${r.id}/revoke`))}>
        <Tooltip title={t('parkRegistry.revoke')}>
          <Button type="link" size="small" danger icon={<StopOutlined />} aria-label={t('parkRegistry.revoke')} data-testid={`lists-revoke-${r.id}`} />
        </Tooltip>
      </Popconfirm>
    ),
};

export const terminalsTab: RegistryTabSpec<PositionTerminal> = {
  key: 'terminals',
  path: `${BASE}/terminals`,
  defaultSort: 'identifier',
  columns: (t, sorted) => [
    { title: t('parkRegistry.col.identifier'), dataIndex: 'identifier', ...sorted('identifier'), render: (v: string) => <span className="zo-mono">{v}</span> },
    { title: t('parkRegistry.col.protocol'), dataIndex: 'protocol', render: (p: string) => t(`parkRegistry.protocols.${p}`) },
    { title: t('parkRegistry.col.boundPlate'), dataIndex: 'plate', ...sorted('plate'), render: (v: string | null) => v ?? '—' },
    { title: t('parkRegistry.col.registeredPlate'), dataIndex: 'registeredPlate', render: (v: string | null) => v ?? '—' },
    { title: t('parkRegistry.col.version'), dataIndex: 'protocolVersion', render: (v: string | null) => v ?? '—' },
    { title: t('parkRegistry.col.lastSeen'), dataIndex: 'lastSeenAt', ...sorted('lastSeenAt'), render: (v: string | null) => formatDateTime(v, false) },
    {
      title: t('parkRegistry.col.state'),
      dataIndex: 'revokedAt',
      render: (v: string | null) => (v ? <Tag>{t('parkRegistry.revoked')}</Tag> : <Tag color="green">{t('parkRegistry.active')}</Tag>),
    },
  ],
  filters: (table, t) => [
    <span key="p">{filterSelect(table, 'protocol', t('parkRegistry.col.protocol'), enumSelect(t, 'parkRegistry.protocols', positionProtocols), 120)}</span>,
    <span key="b">
      {filterSelect(
        table,
        'bound',
        t('parkRegistry.col.boundPlate'),
        [
          { value: 'true', label: t('parkRegistry.bound') },
          { value: 'false', label: t('parkRegistry.unbound') },
        ],
        110,
      )}
    </span>,
  ],
  form: (t) => (
    <>
      <Form.Item name="identifier" label={t('parkRegistry.osmandId')} rules={[{ required: true }]} extra={t('parkRegistry.osmandHint')}>
        <Input />
      </Form.Item>
      <Form.Item name="vehicleId" label={t('parkRegistry.vehicle')} rules={[{ required: true }]}>
        <VehicleSelect />
      </Form.Item>
    </>
  ),
  rowActions: (r, run, t) =>
    !r.revokedAt && (
      <>
        {r.vehicleId ? (
          <Tooltip title={t('parkRegistry.unbind')}>
            <Button
              type="link"
              size="small"
              icon={<DisconnectOutlined />}
              aria-label={t('parkRegistry.unbind')}
              onClick={() => run(() => api.post(`${BASE}/terminals/${r.id}/unbind`))}
              data-testid={`terminals-unbind-${r.id}`}
            />
          </Tooltip>
        ) : (
          <BindButton terminal={r} run={run} />
        )}
        <Popconfirm
          title={t('parkRegistry.revokeTerminalConfirm')}
          okButtonProps={{ danger: true }}
          onConfirm={() => run(() => api.post(`${BASE}/terminals/${r.id}/revoke`))}
        >
          <Button type="link" size="small" danger icon={<StopOutlined />} aria-label={t('parkRegistry.revoke')} data-testid={`terminals-revoke-${r.id}`} />
        </Popconfirm>
      </>
    ),
};

// ---- pickers ----

function usePicker<T>(path: string, q: string | undefined, label: (x: T) => string, id: (x: T) => string) {
  const { data, loading } = useApiGet<Page<T>>(path, { pageSize: 50, ...(q ? { q } : {}) }, { report: false });
  return { loading, options: (data?.items ?? []).map((x) => ({ value: id(x), label: label(x) })) };
}

type PickerProps = { value?: string | null; onChange?: (v: string | null) => void };

function Picker<T>({ value, onChange, path, label, id }: PickerProps & { path: string; label: (x: T) => string; id: (x: T) => string }) {
  const [q, setQ] = useState<string>();
  const { options, loading } = usePicker<T>(path, q, label, id);
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      options={options}
      style={{ minWidth: 240 }}
    />
  );
}

export const CarrierSelect = (p: PickerProps) => <Picker<Carrier> {...p} path={`${BASE}/carriers`} label={(c) => c.name} id={(c) => c.id} />;
export const VehicleSelect = (p: PickerProps) => <Picker<ParkVehicle> {...p} path={`${BASE}/vehicles`} label={(v) => v.plate} id={(v) => v.id} />;
export const PersonSelect = (p: PickerProps) => (
  <Picker<ParkPerson> {...p} path={`${BASE}/people`} label={(x) => `${x.name}（${x.personCode ?? x.kind}）`} id={(x) => x.id} />
);

function BindButton({ terminal, run }: { terminal: PositionTerminal; run: (request: () => Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [vehicleId, setVehicleId] = useState<string | null>(null);
  return (
    <>
      <Tooltip title={t('parkRegistry.bind')}>
        <Button
          type="link"
          size="small"
          icon={<LinkOutlined />}
          aria-label={t('parkRegistry.bind')}
          onClick={() => setOpen(true)}
          data-testid={`terminals-bind-${terminal.id}`}
        />
      </Tooltip>
      <Modal
        open={open}
        title={`${t('parkRegistry.bind')} · ${terminal.identifier}`}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !vehicleId }}
        onOk={() => {
          setOpen(false);
          run(() => api.post(`${BASE}/terminals/${terminal.id}/bind`, { vehicleId }));
        }}
        destroyOnHidden
      >
        <VehicleSelect value={vehicleId} onChange={setVehicleId} />
      </Modal>
    </>
  );
}
