// 目标 tab of the economy settings: the annual targets of a year (?year=), one row per indicator. A target is a value in
// the indicator's unit (completion against it, and 序时进度 for cumulative figures) or a growth in percent ("高于/低于
// 目标 x 个百分点"), with the date it was set (文件下达日期). PUT /api/economy/targets upserts; DELETE removes.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { targetKinds, type Indicator, type Target, type TargetKind } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { formatDate, shanghaiToday } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { targetRows } from './economy-data-ui.ts';

interface Values {
  kind: TargetKind;
  value: number | null;
  setOn: Dayjs | null;
  note: string | null;
}

type Row = ReturnType<typeof targetRows>[number];

function TargetModal(props: { row: Row | null; year: number; onClose: () => void; onSaved: (t: Target) => void }) {
  const { row, year } = props;
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const initial = useMemo<Values>(
    () =>
      row?.target
        ? { kind: row.target.kind, value: row.target.value, setOn: dayjs(row.target.setOn), note: row.target.note }
        : { kind: 'growth', value: null, setOn: dayjs(shanghaiToday()), note: null },
    [row],
  );
  const { form, modalProps } = useModalForm<Values>({
    open: !!row,
    initial,
    onSubmit: async (v) => {
      if (!row) return;
      const saved = await api.put<Target>('/api/economy/targets', {
        indicatorId: row.indicator.id,
        year,
        kind: v.kind,
        value: v.value,
        setOn: v.setOn?.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
      });
      props.onSaved(saved);
    },
  });
  const kind = Form.useWatch('kind', form);
  const unit = row ? (en ? row.indicator.unitEn : row.indicator.unit) : '';
  return (
    <Modal
      {...modalProps}
      title={row ? t('economyData.target.editTitle', { name: en ? row.indicator.nameEn : row.indicator.nameZh, year }) : ''}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'target-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="target-form">
        <Form.Item name="kind" label={t('economyData.target.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={targetKinds.map((k) => ({ value: k, label: t(`economyData.targetKind.${k}`) }))}
            data-testid="target-form-kind"
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('economyData.target.value')}
          extra={kind === 'growth' ? t('economyData.growthHint') : t('economyData.target.valueHint', { unit })}
          rules={[{ required: true }]}
        >
          <InputNumber
            min={-100}
            max={kind === 'growth' ? 10_000 : 1e13}
            step={kind === 'growth' ? 0.1 : 1}
            suffix={kind === 'growth' ? '%' : unit}
            style={{ width: '100%' }}
            data-testid="target-form-value"
          />
        </Form.Item>
        <Form.Item name="setOn" label={t('economyData.target.setOn')} rules={[{ required: true }]} extra={t('economyData.target.setOnHint')}>
          <DatePicker style={{ width: '100%' }} data-testid="target-form-setOn" />
        </Form.Item>
        <Form.Item name="note" label={t('economyData.target.note')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="target-form-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TargetSettings() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const report = useReportError();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const rawYear = Number(params.get('year'));
  const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= 2100 ? rawYear : thisYear;
  const indicators = useApiGet<{ items: Indicator[] }>('/api/economy/indicators', { includeInactive: true });
  const targets = useApiGet<{ items: Target[] }>('/api/economy/targets', { year });
  const [editing, setEditing] = useState<Row | null>(null);
  const rows = useMemo(() => targetRows(indicators.data?.items ?? [], targets.data?.items ?? []), [indicators.data, targets.data]);

  const remove = async (target: Target) => {
    try {
      await api.delete(`/api/economy/targets/${target.id}`);
      void message.success(t('common.deleted'));
      targets.reload();
    } catch (err) {
      report(err);
    }
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('economyData.indicator.name'),
      key: 'name',
      render: (_, r) => (
        <span>
          {en ? r.indicator.nameEn : r.indicator.nameZh}
          {!r.indicator.active && <Tag style={{ marginLeft: 6 }}>{t('common.disabled')}</Tag>}
        </span>
      ),
    },
    { title: t('economyData.indicator.unit'), key: 'unit', width: 110, render: (_, r) => (en ? r.indicator.unitEn : r.indicator.unit) },
    {
      title: t('economyData.target.kind'),
      key: 'kind',
      width: 110,
      render: (_, r) => (r.target ? <Tag color={r.target.kind === 'growth' ? 'blue' : 'geekblue'}>{t(`economyData.targetKind.${r.target.kind}`)}</Tag> : '—'),
    },
    {
      title: t('economyData.target.value'),
      key: 'value',
      width: 160,
      render: (_, r) =>
        r.target ? (
          <span data-testid={`target-value-${r.indicator.code}`}>
            {r.target.kind === 'growth' ? `${r.target.value}%` : `${r.target.value} ${en ? r.indicator.unitEn : r.indicator.unit}`}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('economyData.target.none')}</Typography.Text>
        ),
    },
    { title: t('economyData.target.setOn'), key: 'setOn', width: 120, render: (_, r) => (r.target ? r.target.setOn : '—') },
    { title: t('economyData.target.note'), key: 'note', ellipsis: true, render: (_, r) => r.target?.note ?? '—' },
    { title: t('economyData.target.updatedAt'), key: 'updatedAt', width: 120, render: (_, r) => (r.target ? formatDate(r.target.updatedAt) : '—') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, r) =>
        r.indicator.can.manage ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(r)} data-testid={`target-edit-${r.indicator.code}`}>
              {r.target ? t('common.edit') : t('economyData.target.set')}
            </Button>
            {r.target && (
              <Popconfirm title={t('economyData.target.deleteConfirm')} onConfirm={() => remove(r.target!)}>
                <Button type="link" size="small" danger data-testid={`target-delete-${r.indicator.code}`}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <span>{t('economyData.target.year')}</span>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(d) =>
            d &&
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              next.set('year', d.format('YYYY'));
              return next;
            })
          }
          data-testid="target-year"
        />
        <Typography.Text type="secondary">{t('economyData.target.hint')}</Typography.Text>
      </Flex>
      <Table<Row>
        rowKey={(r) => r.indicator.id}
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={indicators.loading || targets.loading}
        pagination={false}
        data-testid="target-table"
      />
      <TargetModal
        row={editing}
        year={year}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success(t('common.saved'));
          targets.reload();
        }}
      />
    </>
  );
}
