// 区域 tab of the economy settings: the zone (本区), its city (全市, the denominator of shares and pulls) and the peer
// districts or zones it is ranked among, with the other names the statistics tables use for them (matched on import).
// GET /api/economy/regions; POST and PATCH /api/economy/regions/:id.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { regionKinds, type Region } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { useErrorText } from '../../app/use-report-error.ts';
import { changedOnly, orderRegions, regionBody, regionValuesOf, type RegionFormValues } from './economy-data-ui.ts';
import { markServerErrors } from './IndicatorFormModal.tsx';

const kindColours = { zone: 'blue', city: 'purple', peer: 'default' } as const;
const tid = (field: string) => `region-form-${field}`;

function RegionFormModal(props: { open: boolean; region: Region | null; onClose: () => void; onSaved: (r: Region) => void }) {
  const { open, region } = props;
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const errorText = useErrorText();
  const initial = useMemo(() => regionValuesOf(region), [region]);
  const { form, modalProps } = useModalForm<RegionFormValues>({
    open,
    initial,
    onSubmit: async (values, f) => {
      try {
        const body = regionBody(values);
        const saved = region
          ? await api.patch<Region>(`/api/economy/regions/${region.id}`, changedOnly(body, regionBody(initial)))
          : await api.post<Region>('/api/economy/regions', body);
        props.onSaved(saved);
      } catch (err) {
        markServerErrors(f, err, errorText(err));
        throw err;
      }
    },
  });
  return (
    <Modal
      {...modalProps}
      width={640}
      title={region ? t('economyData.region.editTitle', { name: en ? region.nameEn : region.name }) : t('economyData.region.createTitle')}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'region-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="region-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('economyData.region.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
              <Input maxLength={60} data-testid={tid('name')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nameEn" label={t('economyData.region.nameEn')} rules={[{ required: true, whitespace: true, max: 120 }]}>
              <Input maxLength={120} data-testid={tid('nameEn')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="kind" label={t('economyData.region.kind')} rules={[{ required: true }]} extra={t('economyData.region.kindHint')}>
              <Radio.Group
                optionType="button"
                options={regionKinds.map((k) => ({ value: k, label: t(`economyData.regionKind.${k}`) }))}
                data-testid={tid('kind')}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="aliases"
              label={t('economyData.region.aliases')}
              extra={t('economyData.region.aliasesHint')}
              rules={[{ type: 'array', max: 10, message: t('economyData.aliasesMax') }]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ';', '；']} suffixIcon={null} data-testid={tid('aliases')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sort" label={t('economyData.sort')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} data-testid={tid('sort')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={t('economyData.region.active')} valuePropName="checked" extra={t('economyData.region.activeHint')}>
              <Switch data-testid={tid('active')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function RegionSettings() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const list = useApiGet<{ items: Region[] }>('/api/economy/regions');
  const [editing, setEditing] = useState<{ region: Region | null } | null>(null);
  const rows = useMemo(() => orderRegions(list.data?.items ?? []).sort((a, b) => Number(b.active) - Number(a.active)), [list.data]);

  const columns: TableColumnsType<Region> = [
    { title: t('economyData.sort'), dataIndex: 'sort', width: 70 },
    { title: t('economyData.region.name'), dataIndex: 'name' },
    { title: t('economyData.region.nameEn'), dataIndex: 'nameEn' },
    {
      title: t('economyData.region.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: Region['kind']) => <Tag color={kindColours[k]}>{t(`economyData.regionKind.${k}`)}</Tag>,
    },
    { title: t('economyData.region.aliases'), dataIndex: 'aliases', render: (a: string[]) => (a.length ? a.join(t('common.listSeparator')) : '—') },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('common.enabled') : t('common.disabled')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setEditing({ region: r })} data-testid={`region-edit-${r.name}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('economyData.region.hint')} />
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ region: null })} data-testid="region-create">
          {t('economyData.region.create')}
        </Button>
      </Flex>
      <Table<Region>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        pagination={false}
        onRow={(r) => ({ style: r.active ? undefined : { opacity: 0.6 } })}
        data-testid="region-table"
      />
      <RegionFormModal
        open={!!editing}
        region={editing?.region ?? null}
        onClose={() => setEditing(null)}
        onSaved={(r) => {
          setEditing(null);
          void message.success(t('economyData.region.saved', { name: en ? r.nameEn : r.name }));
          list.reload();
        }}
      />
    </>
  );
}
