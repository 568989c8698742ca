// The repeated parts of the project form: funding lines (two-level dictionary 'fundingSource' with the running sum
// against the total), linked leaders, responsible units with their contacts, contractors and approval documents.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { contractorRoles, leaderLevels, phoneSchema } from '@zoneops/shared';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { useDictionary } from '../../app/reference-data.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';
import { formatWan } from './format.ts';
import type { ProjectFormValues } from './project-form.ts';
import { fundingCheck, isMasked } from './project-ui.ts';

/** An amount in 万元 typed as text: no float ever holds it (stringMode), two decimals. */
export function MoneyInput(props: { value?: string | number | null; onChange?: (v: string | null) => void; testId?: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <InputNumber<string>
      stringMode
      min="0"
      precision={2}
      style={{ width: '100%' }}
      value={props.value === null || props.value === undefined ? null : String(props.value)}
      onChange={(v) => props.onChange?.(v)}
      suffix={t('projects.wan')}
      disabled={props.disabled}
      data-testid={props.testId}
    />
  );
}

/** A phone or a masked phone left as the server sent it (checked again before it could be sent back). */
export function usePhoneRule() {
  const { t } = useTranslation();
  return {
    validator: async (_: unknown, value: string | null | undefined) => {
      if (!value || isMasked(value) || phoneSchema.safeParse(value.trim()).success) return;
      throw new Error(t('projects.form.phoneInvalid'));
    },
  };
}

/** A Form.List drawn as rows with a remove button each and an add button under them. */
function Rows({
  name,
  addLabel,
  onAdd,
  testId,
  children,
}: {
  name: string;
  addLabel: string;
  onAdd: () => object;
  testId: string;
  children: (index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }, { errors }) => (
        <div data-testid={testId}>
          {fields.map(({ key, name: index }) => (
            <Row key={key} gutter={8} align="top" wrap={false}>
              <Col flex="auto">{children(index)}</Col>
              <Col flex="none">
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(index)}
                  aria-label={t('common.delete')}
                  style={{ marginTop: 4 }}
                  data-testid={`${testId}-remove-${index}`}
                />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(onAdd())} style={{ marginBottom: 16 }} data-testid={`${testId}-add`}>
            {addLabel}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

export function FundingLines({ form }: { form: FormInstance<ProjectFormValues> }) {
  const { t } = useTranslation();
  const dict = useDictionary('fundingSource');
  const funding = Form.useWatch('funding', form);
  const total = Form.useWatch('totalInvestment', form);
  const check = fundingCheck(total, funding);
  const top = dict.items.filter((d) => !d.parentCode);
  const label = dict.labelOf;
  return (
    <>
      <Rows name="funding" addLabel={t('projects.form.addFunding')} onAdd={() => ({})} testId="project-funding">
        {(i) => (
          <Row gutter={8}>
            <Col span={8}>
              <Form.Item name={[i, 'source']} rules={[{ required: true, message: t('projects.form.sourceRequired') }]}>
                <Select
                  placeholder={t('projects.form.source')}
                  options={top.map((d) => ({ value: d.code, label: label(d.code) }))}
                  onChange={() => form.setFieldValue(['funding', i, 'subSource'], null)}
                  data-testid={`project-funding-source-${i}`}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item noStyle shouldUpdate={(a, b) => a.funding?.[i]?.source !== b.funding?.[i]?.source}>
                {() => {
                  const source = form.getFieldValue(['funding', i, 'source']) as string | undefined;
                  const subs = dict.items.filter((d) => !!source && d.parentCode === source);
                  return (
                    <Form.Item name={[i, 'subSource']}>
                      <Select
                        allowClear
                        disabled={!subs.length}
                        placeholder={t('projects.form.subSource')}
                        options={subs.map((d) => ({ value: d.code, label: label(d.code) }))}
                        data-testid={`project-funding-sub-${i}`}
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={[i, 'amount']} rules={[{ required: true, message: t('projects.form.amountRequired') }]}>
                <MoneyInput testId={`project-funding-amount-${i}`} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Rows>
      {(funding?.length ?? 0) > 0 && (
        <Alert
          type={check.differs ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="project-funding-sum"
          title={
            check.differs
              ? t('projects.form.fundingDiffers', { sum: formatWan(check.sum), total: formatWan(String(total ?? '0')), diff: formatWan(check.diff) })
              : t('projects.form.fundingMatches', { sum: formatWan(check.sum) })
          }
        />
      )}
    </>
  );
}

const levelOptions = (t: (k: string) => string) => leaderLevels.map((l) => ({ value: l, label: t(`projects.leaderLevel.${l}`) }));

export function LeaderRows() {
  const { t } = useTranslation();
  return (
    <Rows name="leaders" addLabel={t('projects.form.addLeader')} onAdd={() => ({ level: 'district' })} testId="project-leaders">
      {(i) => (
        <Row gutter={8}>
          <Col span={16}>
            <Form.Item name={[i, 'userId']} rules={[{ required: true, message: t('projects.form.leaderRequired') }]}>
              <UserSelect testId={`project-leader-${i}`} placeholder={t('projects.form.leaderSearch')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={[i, 'level']}>
              <Select options={levelOptions(t)} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Rows>
  );
}

export function UnitRows() {
  const { t } = useTranslation();
  const phoneRule = usePhoneRule();
  return (
    <Rows name="units" addLabel={t('projects.form.addUnit')} onAdd={() => ({ level: 'district' })} testId="project-units">
      {(i) => (
        <Row gutter={8}>
          <Col span={9}>
            <Form.Item name={[i, 'unitId']} rules={[{ required: true, message: t('projects.form.unitRequired') }]}>
              <UnitTreeSelect placeholder={t('projects.form.unit')} testId={`project-unit-${i}`} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name={[i, 'level']}>
              <Select options={levelOptions(t)} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name={[i, 'contactName']} rules={[{ max: 50 }]}>
              <Input placeholder={t('projects.form.contactName')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={[i, 'contactPhone']} rules={[phoneRule]}>
              <Input placeholder={t('projects.form.contactPhone')} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Rows>
  );
}

export function ContractorRows() {
  const { t } = useTranslation();
  return (
    <Rows name="contractors" addLabel={t('projects.form.addContractor')} onAdd={() => ({ role: 'construction' })} testId="project-contractors">
      {(i) => (
        <Row gutter={8}>
          <Col span={5}>
            <Form.Item name={[i, 'role']}>
              <Select options={contractorRoles.map((r) => ({ value: r, label: t(`projects.contractorRole.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name={[i, 'name']} rules={[{ required: true, whitespace: true, max: 200, message: t('projects.form.contractorRequired') }]}>
              <Input placeholder={t('projects.form.contractorName')} data-testid={`project-contractor-name-${i}`} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name={[i, 'contractNo']} rules={[{ max: 100 }]}>
              <Input placeholder={t('projects.form.contractNo')} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name={[i, 'amount']}>
              <MoneyInput />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Rows>
  );
}

export function ApprovalRows() {
  const { t } = useTranslation();
  return (
    <Rows name="approvals" addLabel={t('projects.form.addApproval')} onAdd={() => ({})} testId="project-approvals">
      {(i) => (
        <Row gutter={8}>
          <Col span={6}>
            <Form.Item name={[i, 'docNo']} rules={[{ required: true, whitespace: true, max: 100, message: t('projects.form.docNoRequired') }]}>
              <Input placeholder={t('projects.form.docNo')} data-testid={`project-approval-doc-${i}`} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name={[i, 'title']} rules={[{ max: 300 }]}>
              <Input placeholder={t('projects.form.docTitle')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={[i, 'authority']} rules={[{ max: 200 }]}>
              <Input placeholder={t('projects.form.authority')} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name={[i, 'issuedOn']}>
              <DatePicker style={{ width: '100%' }} placeholder={t('projects.form.issuedOn')} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Rows>
  );
}

/** A small heading between the sections of the form. */
export function Section({ title, testId }: { title: string; testId?: string }) {
  return (
    <Typography.Title level={5} style={{ margin: '8px 0 12px', paddingBottom: 4, borderBottom: '1px solid #eef0f3' }} data-testid={testId}>
      {title}
    </Typography.Title>
  );
}
