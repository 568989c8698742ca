// 登记线索: every field of leadCreateSchema in sections (the company, the investment in 万元 or in a foreign currency
// with the rate used, the screening figures with the chain segment it fits, the source and referrer, the contacts,
// who follows it). Errors of the server land on their fields (body.fxRate, body.contacts.0.phone, …).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AutoComplete, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography, type ButtonProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { foreignToWan, type LeadDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { shanghaiToday } from '../../../app/format.ts';
import { useDictionary } from '../../../app/reference-data.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { UserSelect } from '../../ledger/UserSelect.tsx';
import { formatWan } from '../../projects/format.ts';
import { MoneyInput, Section, usePhoneRule } from '../../projects/ProjectFormLists.tsx';
import { SegmentSelect, TeamSelect } from '../pickers.tsx';
import { leadBody, type LeadFormValues } from '../promotion-ui.ts';

type Values = Omit<LeadFormValues, 'registeredOn'> & { registeredOn: Dayjs };

/** Countries and regions offered first; any other two-letter code may be typed. */
const REGIONS = ['CN', 'HK', 'MO', 'TW', 'US', 'JP', 'KR', 'SG', 'DE', 'GB', 'FR', 'NL', 'CH', 'IT', 'SA', 'AE', 'MY', 'TH', 'AU', 'CA'];
const CURRENCIES = ['USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD', 'CHF', 'AUD'];
export const ENV_CATEGORIES = ['report', 'reportForm', 'registration'] as const;

export function regionName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const tid = (f: string) => `lead-form-${f}`;

export function LeadFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (lead: LeadDetail) => void }) {
  const { t, i18n } = useTranslation();
  const industries = useDictionary('industry');
  const phoneRule = usePhoneRule();
  const today = shanghaiToday();
  const initial = useMemo<Values>(
    () =>
      ({ company: '', countryRegion: 'CN', fortune500: false, industry: '', money: 'cny', source: '', contacts: [{}], registeredOn: dayjs(today) }) as Values,
    [today],
  );
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => onCreated(await api.post<LeadDetail>('/api/promotion/leads', leadBody({ ...v, registeredOn: v.registeredOn.format('YYYY-MM-DD') }))),
  });
  const money = Form.useWatch('money', form);
  const amount = Form.useWatch('foreignAmount', form);
  const rate = Form.useWatch('fxRate', form);
  const converted = useMemo(() => {
    try {
      return amount && rate ? foreignToWan(String(amount), String(rate)) : null;
    } catch {
      return null;
    }
  }, [amount, rate]);
  const lang = i18n.language;
  const sources = t('promotion.form.sources')
    .split('|')
    .map((s) => ({ value: s }));

  return (
    <Modal
      {...modalProps}
      width={980}
      title={t('promotion.form.createTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'lead-form-submit' } as ButtonProps}
      styles={{ body: { maxHeight: '72vh', overflowY: 'auto', overflowX: 'hidden', paddingRight: 8 } }}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="lead-form">
        <Section title={t('promotion.form.sections.company')} />
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="company" label={t('promotion.col.company')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input maxLength={200} data-testid={tid('company')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="uscc" label={t('promotion.col.uscc')} rules={[{ pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/i, message: t('promotion.form.usccFormat') }]}>
              <Input maxLength={18} className="zo-mono" data-testid={tid('uscc')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="parentCompany" label={t('promotion.col.parentCompany')} rules={[{ max: 200 }]}>
              <Input data-testid={tid('parentCompany')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="countryRegion"
              label={t('promotion.col.countryRegion')}
              rules={[{ required: true }, { pattern: /^[A-Za-z]{2}$/, message: t('promotion.form.regionFormat') }]}
            >
              <AutoComplete
                options={REGIONS.map((c) => ({ value: c, label: `${c} · ${regionName(c, lang)}` }))}
                showSearch={{
                  filterOption: (input, o) =>
                    String(o?.label ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase()),
                }}
                data-testid={tid('countryRegion')}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="fortune500" label={t('promotion.fortune500')} valuePropName="checked">
              <Switch data-testid={tid('fortune500')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="industry" label={t('promotion.col.industry')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={industries.options} data-testid={tid('industry')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="content" label={t('promotion.col.content')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={tid('content')} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('promotion.form.sections.investment')} />
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="money">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'cny', label: t('promotion.form.moneyCny') },
                  { value: 'foreign', label: t('promotion.form.moneyForeign') },
                ]}
                data-testid={tid('money')}
              />
            </Form.Item>
          </Col>
          {money === 'foreign' ? (
            <>
              <Col span={6}>
                <Form.Item name="currency" label={t('promotion.col.currency')} rules={[{ required: true }]}>
                  <Select showSearch options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid={tid('currency')} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="foreignAmount" label={t('promotion.col.foreignAmount')} rules={[{ required: true }]}>
                  <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} data-testid={tid('foreignAmount')} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="fxRate" label={t('promotion.col.fxRate')} rules={[{ required: true }]} extra={t('promotion.form.fxRateHint')}>
                  <InputNumber<string> stringMode min="0" precision={6} style={{ width: '100%' }} data-testid={tid('fxRate')} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('promotion.form.converted')}>
                  <Typography.Text strong data-testid={tid('converted')}>
                    {converted ? `${formatWan(converted)} ${t('promotion.wan')}` : '—'}
                  </Typography.Text>
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col span={8}>
              <Form.Item name="plannedInvestment" label={t('promotion.col.plannedInvestment')}>
                <MoneyInput testId={tid('plannedInvestment')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          <ScreeningInputs />
          <Col span={8}>
            <Form.Item name="chainSegmentId" label={t('promotion.col.chainSegment')} extra={t('promotion.form.segmentHint')}>
              <SegmentSelect testId={tid('chainSegmentId')} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('promotion.form.sections.source')} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="source" label={t('promotion.col.source')} rules={[{ required: true, whitespace: true, max: 40 }]}>
              <AutoComplete options={sources} data-testid={tid('source')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="referrer" label={t('promotion.col.referrer')} rules={[{ max: 100 }]}>
              <Input data-testid={tid('referrer')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="referrerPhone" label={t('promotion.col.referrerPhone')} rules={[phoneRule]}>
              <Input data-testid={tid('referrerPhone')} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('promotion.form.sections.contacts')} />
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <div data-testid="lead-form-contacts">
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={8} wrap={false} align="top">
                  <Col span={5}>
                    <Form.Item name={[name, 'name']} rules={[{ max: 50 }]}>
                      <Input placeholder={t('promotion.contact.name')} data-testid={`lead-form-contact-name-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[name, 'title']} rules={[{ max: 50 }]}>
                      <Input placeholder={t('promotion.contact.title')} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[name, 'phone']} rules={[phoneRule]}>
                      <Input placeholder={t('promotion.contact.phone')} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[name, 'email']} rules={[{ type: 'email', max: 200 }]}>
                      <Input placeholder={t('promotion.contact.email')} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('promotion.form.addContact')}
              </Button>
            </div>
          )}
        </Form.List>

        <Section title={t('promotion.form.sections.follow')} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="teamId" label={t('promotion.col.team')}>
              <TeamSelect testId={tid('teamId')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ownerUserId" label={t('promotion.col.owner')} extra={t('promotion.form.ownerHint')}>
              <UserSelect testId={tid('ownerUserId')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="registeredOn" label={t('promotion.col.registeredOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid={tid('registeredOn')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** The figures a screening reads (registration and assessment share them). */
export function ScreeningInputs() {
  const { t } = useTranslation();
  const n = (name: string, unit: string, precision = 2) => (
    <Col span={8} key={name}>
      <Form.Item name={name} label={t(`promotion.col.${name}`)}>
        <InputNumber min={0} precision={precision} style={{ width: '100%' }} suffix={unit} data-testid={tid(name)} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      {n('landMu', t('promotion.unit.mu'))}
      {n('expectedTax', t('promotion.wan'))}
      {n('expectedOutput', t('promotion.wan'))}
      {n('energyUse', t('promotion.unit.tce'))}
      <Col span={8}>
        <Form.Item name="environmentalCategory" label={t('promotion.col.environmentalCategory')}>
          <Select allowClear options={ENV_CATEGORIES.map((c) => ({ value: c, label: t(`promotion.env.${c}`) }))} data-testid={tid('environmentalCategory')} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="chainFit" label={t('promotion.col.chainFit')}>
          <Select
            allowClear
            options={[
              { value: true, label: t('common.yes') },
              { value: false, label: t('common.no') },
            ]}
            data-testid={tid('chainFit')}
          />
        </Form.Item>
      </Col>
    </>
  );
}
