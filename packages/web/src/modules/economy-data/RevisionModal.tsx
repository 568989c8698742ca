// A save refused with 422 CUMULATIVE_DECREASE: a cumulative value below the previous period's of the same year is a
// revision (修订), allowed with a reason. One reason per affected cell; the page sends the save again with them.
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import type { FigureGrid } from '@zoneops/shared';
import { cellKey, type Decrease } from './economy-data-ui.ts';

interface Props {
  items: Decrease[] | null;
  grid: FigureGrid | undefined;
  /** The new values typed, by field key text (what the user entered), for the list. */
  valueOf: (d: Decrease) => string;
  /** Reasons given before or stored with the figure, to start from. */
  initialReasons: ReadonlyMap<string, string>;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reasons: Map<string, string>) => void;
}

export function RevisionModal({ items, grid, valueOf, initialReasons, busy, onCancel, onSubmit }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [form] = Form.useForm<Record<string, string>>();
  const open = !!items;
  const keys = (items ?? []).map((d) => cellKey(d.indicatorId, d.regionId));
  const initial = Object.fromEntries(keys.map((k) => [k, initialReasons.get(k) ?? '']));

  const nameOf = (d: Decrease) => {
    const row = grid?.rows.find((r) => r.indicator.id === d.indicatorId);
    const region = grid?.regions.find((r) => r.id === d.regionId);
    return {
      indicator: row ? (en ? row.indicator.nameEn : row.indicator.nameZh) : d.indicatorId,
      region: region ? (en ? region.nameEn : region.name) : d.regionId,
      unit: row ? (en ? row.indicator.unitEn : row.indicator.unit) : '',
    };
  };

  const submit = async () => {
    const values = await form.validateFields();
    onSubmit(new Map(Object.entries(values).map(([k, v]) => [k, v.trim()])));
  };

  const sameForAll = () => {
    const first = items?.map((d) => form.getFieldValue(cellKey(d.indicatorId, d.regionId)) as string | undefined).find((v) => v?.trim());
    if (!first || !items) return;
    form.setFieldsValue(Object.fromEntries(items.map((d) => [cellKey(d.indicatorId, d.regionId), first])));
  };

  return (
    <Modal
      open={open}
      title={t('economyData.revision.title')}
      width={640}
      onCancel={onCancel}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('economyData.revision.ok')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'revision-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('economyData.revision.hint')} />
      <Form key={keys.join(',')} form={form} layout="vertical" initialValues={initial} data-testid="revision-form">
        {(items ?? []).map((d, i) => {
          const n = nameOf(d);
          const k = cellKey(d.indicatorId, d.regionId);
          return (
            <Form.Item
              key={k}
              name={k}
              label={
                <span>
                  {n.indicator} · {n.region}{' '}
                  <Typography.Text type="secondary">
                    {d.previous !== null
                      ? t('economyData.revision.values', { value: valueOf(d), previous: d.previous, unit: n.unit })
                      : t('economyData.revision.valueOnly', { value: valueOf(d), unit: n.unit })}
                  </Typography.Text>
                </span>
              }
              rules={[{ required: true, whitespace: true, message: t('economyData.revision.required') }, { max: 500 }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={500}
                placeholder={t('economyData.revision.placeholder')}
                data-testid={`revision-reason-${i}`}
              />
            </Form.Item>
          );
        })}
      </Form>
      {(items?.length ?? 0) > 1 && (
        <Button size="small" onClick={sameForAll} data-testid="revision-same">
          {t('economyData.revision.sameForAll')}
        </Button>
      )}
    </Modal>
  );
}
