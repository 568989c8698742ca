// "新建指标" / "编辑指标": every field of indicatorCreateSchema. A leading indicator (先行指标: electricity, tax …) is
// an indicator with the switch on: an administrator adds one here, no code. An edit sends only what changed. The
// server's errors land on their fields (body.code, body.frequency, body.aliases.2 on the aliases) and a taken code on
// the code.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography, type ButtonProps, type FormInstance } from 'antd';
import { growthKinds, indicatorFrequencies, indicatorValueKinds, rankKeys, type Indicator } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { validationFieldErrors } from '../../app/form-errors.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { useErrorText } from '../../app/use-report-error.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';
import { indicatorBody, indicatorPatch, indicatorValuesOf, listFieldName, thresholdsProblem, type IndicatorFormValues } from './economy-data-ui.ts';

const tid = (field: string) => `indicator-form-${field}`;

function Section({ title }: { title: string }) {
  return (
    <Typography.Title level={5} style={{ margin: '4px 0 12px', paddingBottom: 4, borderBottom: '1px solid #eef0f3' }}>
      {title}
    </Typography.Title>
  );
}

/** Errors of the server on the form: array items on their list field, a taken code on the code. */
export function markServerErrors(form: FormInstance, err: unknown, errorText: string): void {
  const fields = validationFieldErrors(err).filter((f) => typeof f.name[1] === 'number');
  if (fields.length) form.setFields(fields.map((f) => ({ name: listFieldName(f.name), errors: f.errors })));
  if (isApiError(err, 'INDICATOR_CODE_TAKEN')) form.setFields([{ name: ['code'], errors: [errorText] }]);
}

export function IndicatorFormModal(props: { open: boolean; indicator: Indicator | null; onClose: () => void; onSaved: (i: Indicator) => void }) {
  const { open, indicator } = props;
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const errorText = useErrorText();
  const initial = useMemo(() => indicatorValuesOf(indicator), [indicator]);

  const { form, modalProps } = useModalForm<IndicatorFormValues>({
    open,
    initial,
    onSubmit: async (values, f) => {
      try {
        const body = indicatorBody(values);
        const saved = indicator
          ? await api.patch<Indicator>(`/api/economy/indicators/${indicator.id}`, indicatorPatch(body, indicatorBody(initial)))
          : await api.post<Indicator>('/api/economy/indicators', body);
        props.onSaved(saved);
      } catch (err) {
        markServerErrors(f as FormInstance, err, errorText(err));
        throw err;
      }
    },
  });

  const radios = <T extends string>(values: readonly T[], key: string) => values.map((v) => ({ value: v, label: t(`economyData.${key}.${v}`) }));
  const threshold = (name: 'alertLevel' | 'excellentLevel') => (
    <Form.Item
      name={name}
      label={t(`economyData.indicator.${name}`)}
      extra={t(`economyData.indicator.${name}Hint`)}
      dependencies={name === 'excellentLevel' ? ['alertLevel', 'higherIsBetter'] : undefined}
      rules={
        name === 'excellentLevel'
          ? [
              ({ getFieldValue }) => ({
                validator: async (_, v: number | null | undefined) => {
                  if (thresholdsProblem(getFieldValue('alertLevel') as number | null, v, getFieldValue('higherIsBetter') as boolean)) {
                    throw new Error(t('economyData.indicator.thresholdOrder'));
                  }
                },
              }),
            ]
          : undefined
      }
    >
      <InputNumber min={-100} max={10_000} step={0.1} suffix="%" style={{ width: '100%' }} data-testid={tid(name)} />
    </Form.Item>
  );

  return (
    <Modal
      {...modalProps}
      width={900}
      title={indicator ? t('economyData.indicator.editTitle', { name: en ? indicator.nameEn : indicator.nameZh }) : t('economyData.indicator.createTitle')}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'indicator-form-submit' } as ButtonProps}
      styles={{ body: { maxHeight: '72vh', overflowY: 'auto', overflowX: 'hidden', paddingRight: 8 } }}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="indicator-form">
        <Section title={t('economyData.indicator.sections.basic')} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('economyData.indicator.code')}
              extra={t('economyData.indicator.codeHint')}
              rules={[{ required: true }, { pattern: /^[A-Za-z][A-Za-z0-9_-]{1,39}$/, message: t('economyData.indicator.codeFormat') }]}
            >
              <Input maxLength={40} data-testid={tid('code')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameZh" label={t('economyData.indicator.nameZh')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} data-testid={tid('nameZh')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameEn" label={t('economyData.indicator.nameEn')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input maxLength={200} data-testid={tid('nameEn')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="aliases"
              label={t('economyData.indicator.aliases')}
              extra={t('economyData.indicator.aliasesHint')}
              rules={[{ type: 'array', max: 10, message: t('economyData.aliasesMax') }]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ';', '；']} suffixIcon={null} data-testid={tid('aliases')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unit" label={t('economyData.indicator.unit')} rules={[{ required: true, whitespace: true, max: 20 }]}>
              <Input maxLength={20} placeholder="亿元" data-testid={tid('unit')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unitEn" label={t('economyData.indicator.unitEn')} rules={[{ required: true, whitespace: true, max: 40 }]}>
              <Input maxLength={40} placeholder="100 million yuan" data-testid={tid('unitEn')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="leading" label={t('economyData.indicator.leading')} valuePropName="checked" extra={t('economyData.indicator.leadingHint')}>
              <Switch data-testid={tid('leading')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="active" label={t('economyData.indicator.active')} valuePropName="checked" extra={t('economyData.indicator.activeHint')}>
              <Switch data-testid={tid('active')} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('economyData.indicator.sections.statistics')} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="frequency"
              label={t('economyData.indicator.frequency')}
              rules={[{ required: true }]}
              extra={indicator ? t('economyData.indicator.frequencyHint') : undefined}
            >
              <Radio.Group optionType="button" options={radios(indicatorFrequencies, 'frequency')} data-testid={tid('frequency')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="valueKind" label={t('economyData.indicator.valueKind')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={radios(indicatorValueKinds, 'valueKind')} data-testid={tid('valueKind')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="growthKind"
              label={t('economyData.indicator.growthKind')}
              rules={[{ required: true }]}
              extra={t('economyData.indicator.growthKindHint')}
            >
              <Radio.Group optionType="button" options={radios(growthKinds, 'growthKind')} data-testid={tid('growthKind')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="higherIsBetter" label={t('economyData.indicator.direction')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('economyData.direction.higher') },
                  { value: false, label: t('economyData.direction.lower') },
                ]}
                data-testid={tid('higherIsBetter')}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="rankBy" label={t('economyData.indicator.rankBy')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={radios(rankKeys, 'rankBy')} data-testid={tid('rankBy')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sort" label={t('economyData.sort')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} data-testid={tid('sort')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="additive" label={t('economyData.indicator.additive')} valuePropName="checked" extra={t('economyData.indicator.additiveHint')}>
              <Switch data-testid={tid('additive')} />
            </Form.Item>
          </Col>
          <Col span={8}>{threshold('alertLevel')}</Col>
          <Col span={8}>{threshold('excellentLevel')}</Col>
        </Row>

        <Section title={t('economyData.indicator.sections.responsibility')} />
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="leadUnitId" label={t('economyData.indicator.leadUnit')} extra={t('economyData.indicator.leadUnitHint')}>
              <UnitTreeSelect testId={tid('leadUnitId')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownerUserId" label={t('economyData.indicator.owner')} extra={t('economyData.indicator.ownerHint')}>
              <UserSelect testId={tid('ownerUserId')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="source" label={t('economyData.indicator.source')} rules={[{ max: 200 }]}>
              <Input maxLength={200} placeholder={t('economyData.indicator.sourcePlaceholder')} data-testid={tid('source')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('economyData.indicator.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid={tid('notes')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
