// "新建项目" / "编辑": every field of projectCreateSchema in sections (basic facts, owner and responsibility, schedule,
// investment with its funding mix, contractors, approvals, location). An edit sends only what changed, with the
// version. Errors of the server land on their fields: validation paths (body.totalInvestment) and the rule errors
// FUNDING_MISMATCH / PROJECT_DUPLICATE / OUTSIDE_ZONE.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, type ButtonProps, type FormInstance } from 'antd';
import { investorTypes, projectCategories, projectLevels, projectNatures, projectStages, reportFrequencies, type ProjectDetail } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { shanghaiToday } from '../../app/format.ts';
import { useDictionary } from '../../app/reference-data.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { useErrorText } from '../../app/use-report-error.ts';
import { EnterpriseSelect, ProjectSelect, TemplateSelect } from './pickers.tsx';
import { emptyProjectValues, outlineProblem, projectBody, projectPatch, projectValuesOf, type ProjectFormValues } from './project-form.ts';
import { ApprovalRows, ContractorRows, FundingLines, LeaderRows, MoneyInput, Section, UnitRows, usePhoneRule } from './ProjectFormLists.tsx';
import { fieldErrorsOfCode } from './project-ui.ts';

/** The fields a rule error is about when the server names none. */
const CODE_FIELDS: Record<string, (string | number)[][]> = {
  FUNDING_MISMATCH: [['totalInvestment'], ['funding']],
  PROJECT_DUPLICATE: [['name'], ['code']],
  OUTSIDE_ZONE: [['lng'], ['lat']],
};

const tid = (field: string) => `project-form-${field}`;

export function ProjectFormModal(props: { open: boolean; project?: ProjectDetail; onClose: () => void; onSaved: (project: ProjectDetail) => void }) {
  const { open, project } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const industries = useDictionary('industry');
  const phoneRule = usePhoneRule();
  const today = shanghaiToday();
  const initial = useMemo(() => (project ? projectValuesOf(project) : emptyProjectValues(Number(today.slice(0, 4)))), [project, today]);

  const { form, modalProps } = useModalForm<ProjectFormValues>({
    open,
    initial,
    onSubmit: async (values, f) => {
      try {
        if (project) {
          const { body, masked } = projectPatch(values, initial, project.version);
          if (masked.length) {
            (f as FormInstance).setFields(masked.map((name) => ({ name, errors: [t('projects.form.maskedPhone')] })));
            return;
          }
          props.onSaved(await api.patch<ProjectDetail>(`/api/projects/${project.id}`, body));
        } else {
          props.onSaved(await api.post<ProjectDetail>('/api/projects', projectBody(values)));
        }
      } catch (err) {
        (f as FormInstance).setFields(fieldErrorsOfCode(err, CODE_FIELDS, errorText(err)));
        throw err;
      }
    },
  });

  const select = <T extends string>(values: readonly T[], key: string) => values.map((v) => ({ value: v, label: t(`projects.${key}.${v}`) }));
  const notFuture = (d: { format: (f: string) => string }) => d.format('YYYY-MM-DD') > today;

  return (
    <Modal
      {...modalProps}
      width={980}
      title={project ? t('projects.form.editTitle', { name: project.name }) : t('projects.form.createTitle')}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'project-form-submit' } as ButtonProps}
      styles={{ body: { maxHeight: '72vh', overflowY: 'auto', overflowX: 'hidden', paddingRight: 8 } }}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="project-form">
        <Section title={t('projects.form.sections.basic')} />
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('projects.col.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input maxLength={200} data-testid={tid('name')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('projects.col.code')}
              rules={[{ pattern: /^[A-Za-z0-9-]{2,40}$/, message: t('projects.form.codeFormat') }]}
              extra={t('projects.form.codeHint')}
            >
              <Input maxLength={40} data-testid={tid('code')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="level" label={t('projects.col.level')} rules={[{ required: true }]}>
              <Select options={select(projectLevels, 'level')} data-testid={tid('level')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="industry" label={t('projects.col.industry')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={industries.options} data-testid={tid('industry')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="category" label={t('projects.col.category')} rules={[{ required: true }]}>
              <Select options={select(projectCategories, 'category')} data-testid={tid('category')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="nature" label={t('projects.col.nature')} rules={[{ required: true }]}>
              <Select options={select(projectNatures, 'nature')} data-testid={tid('nature')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="investorType" label={t('projects.col.investorType')} rules={[{ required: true }]}>
              <Select options={select(investorTypes, 'investorType')} data-testid={tid('investorType')} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="parentId" label={t('projects.col.parent')}>
              <ProjectSelect knownName={project?.parentName} exclude={project?.id} placeholder={t('projects.form.parentHint')} testId={tid('parentId')} />
            </Form.Item>
          </Col>
          {!project && (
            <Col span={4}>
              <Form.Item name="stage" label={t('projects.col.stage')}>
                <Select options={select(projectStages, 'stage')} data-testid={tid('stage')} />
              </Form.Item>
            </Col>
          )}
          <Col span={4}>
            <Form.Item name="focus" label={t('projects.focus')} valuePropName="checked">
              <Switch data-testid={tid('focus')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="content" label={t('projects.col.content')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={tid('content')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="capacity" label={t('projects.col.capacity')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid={tid('capacity')} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('projects.form.sections.owner')} />
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="ownerEnterpriseId" label={t('projects.col.ownerEnterprise')} extra={t('projects.form.ownerEnterpriseHint')}>
              <EnterpriseSelect knownName={project?.ownerEnterpriseId ? project.ownerName : undefined} testId={tid('ownerEnterpriseId')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="ownerName"
              label={t('projects.col.owner')}
              dependencies={['ownerEnterpriseId']}
              rules={[
                { max: 200 },
                ({ getFieldValue }) => ({
                  validator: async (_, v: string | null | undefined) => {
                    if (!getFieldValue('ownerEnterpriseId') && !v?.trim()) throw new Error(t('projects.form.ownerRequired'));
                  },
                }),
              ]}
            >
              <Input data-testid={tid('ownerName')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="ownerContact" label={t('projects.col.ownerContact')} rules={[{ max: 50 }]}>
              <Input data-testid={tid('ownerContact')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="ownerPhone" label={t('projects.col.ownerPhone')} rules={[phoneRule]}>
              <Input data-testid={tid('ownerPhone')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leadUnitId" label={t('projects.col.leadUnit')} rules={[{ required: true }]}>
              <UnitTreeSelect allowClear={false} testId={tid('leadUnitId')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('projects.col.leaders')} style={{ marginBottom: 0 }}>
              <LeaderRows />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('projects.col.units')} style={{ marginBottom: 0 }} extra={t('projects.form.unitsHint')}>
              <UnitRows />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('projects.form.sections.schedule')} />
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="plannedStartOn" label={t('projects.col.plannedStart')}>
              <DatePicker style={{ width: '100%' }} data-testid={tid('plannedStartOn')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="plannedCompletionOn"
              label={t('projects.col.plannedCompletion')}
              dependencies={['plannedStartOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v: { isBefore: (d: unknown, unit: 'day') => boolean } | null | undefined) => {
                    const start = getFieldValue('plannedStartOn') as unknown;
                    if (v && start && v.isBefore(start, 'day')) throw new Error(t('projects.form.completionBeforeStart'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} data-testid={tid('plannedCompletionOn')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="actualStartOn" label={t('projects.col.actualStart')}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} data-testid={tid('actualStartOn')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="actualCompletionOn" label={t('projects.col.actualCompletion')}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} data-testid={tid('actualCompletionOn')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="planYear" label={t('projects.col.planYear')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid={tid('planYear')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="reportFrequency" label={t('projects.col.reportFrequency')}>
              <Radio.Group optionType="button" options={select(reportFrequencies, 'frequency')} data-testid={tid('reportFrequency')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="milestoneTemplateId" label={t('projects.col.template')} extra={t('projects.form.templateHint')}>
              <TemplateSelect placeholder={t('projects.form.defaultTemplate')} testId={tid('milestoneTemplateId')} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('projects.form.sections.investment')} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="totalInvestment" label={t('projects.col.total')} rules={[{ required: true }]}>
              <MoneyInput testId={tid('totalInvestment')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="annualPlan" label={t('projects.col.annualPlan')}>
              <MoneyInput testId={tid('annualPlan')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('projects.col.funding')} style={{ marginBottom: 0 }}>
              <FundingLines form={form} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('projects.form.sections.contractors')} />
        <ContractorRows />

        <Section title={t('projects.form.sections.approvals')} />
        <ApprovalRows />

        <Section title={t('projects.form.sections.location')} />
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item
              name="lng"
              label={t('projects.col.lng')}
              dependencies={['lat']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v: number | null | undefined) => {
                    if ((v == null) !== (getFieldValue('lat') == null)) throw new Error(t('projects.form.bothCoordinates'));
                  },
                }),
              ]}
            >
              <InputNumber min={-180} max={180} precision={6} style={{ width: '100%' }} data-testid={tid('lng')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="lat" label={t('projects.col.lat')} dependencies={['lng']}>
              <InputNumber min={-90} max={90} precision={6} style={{ width: '100%' }} data-testid={tid('lat')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="outline"
              label={t('projects.col.outline')}
              extra={t('projects.form.outlineHint')}
              rules={[
                {
                  validator: async (_, v: string | null | undefined) => {
                    const problem = outlineProblem(v);
                    if (problem) throw new Error(t(`projects.form.outline.${problem}`));
                  },
                },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} className="zo-mono" data-testid={tid('outline')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
