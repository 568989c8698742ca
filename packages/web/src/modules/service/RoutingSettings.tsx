// 路由与模板 (service.manage): the routing table, one handling unit per category (PUT /api/service/routes; a route
// whose unit was deleted is flagged red), and the reply templates the handling units answer with.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Typography, type ButtonProps } from 'antd';
import { EditOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { requestCategories, type RequestCategory } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { DeadlineRulesEditor } from './DeadlineRules.tsx';
import { routeTable } from './service-ui.ts';
import type { ReplyTemplate, Route } from './service-types.ts';

export function RoutingTable({ routes, onSaved }: { routes: Route[]; onSaved: (routes: Route[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const rows = useMemo(() => routeTable(routes), [routes]);
  const [draft, setDraft] = useState<Partial<Record<RequestCategory, string>>>({});
  const [busy, setBusy] = useState(false);
  const unitOf = (c: RequestCategory, r: Route | null) => (c in draft ? draft[c] : r?.unitId);
  const dirty = Object.keys(draft).length > 0;

  const save = async () => {
    const next = rows.flatMap(({ category, route }) => {
      const unitId = unitOf(category, route);
      return unitId ? [{ category, unitId }] : [];
    });
    setBusy(true);
    try {
      const saved = await api.put<{ routes: Route[] }>('/api/service/routes', { routes: next });
      setDraft({});
      onSaved(saved.routes);
      void message.success(t('service.routing.saved'));
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('service.routing.title')}
      extra={
        <Button type="primary" size="small" icon={<SaveOutlined />} disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="routes-save">
          {t('common.save')}
        </Button>
      }
      data-testid="routing-table"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('service.routing.hint')}
      </Typography.Paragraph>
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('service.routing.category'), dataIndex: 'category', width: 140, render: (c: string) => t(`service.category.${c}`) },
          {
            title: t('service.routing.unit'),
            key: 'unit',
            render: (_: unknown, { category, route }) => {
              const gone = !!route?.unitGone && !(category in draft);
              return (
                <Space wrap data-testid={`route-${category}`} data-gone={gone ? 'true' : undefined}>
                  <UnitTreeSelect
                    style={{ width: 240 }}
                    status={gone ? 'error' : undefined}
                    value={gone ? undefined : unitOf(category, route)}
                    placeholder={gone ? route?.unitName : t('service.routing.noRoute')}
                    onChange={(v) => setDraft((d) => ({ ...d, [category]: typeof v === 'string' ? v : undefined }))}
                    testId={`route-unit-${category}`}
                  />
                  {gone && <Tag color="red">{t('service.routing.unitGone')}</Tag>}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

type TemplateValues = Omit<ReplyTemplate, 'id'>;

function TemplateModal({ open, template, onClose, onSaved }: { open: boolean; template: ReplyTemplate | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const initial = useMemo<TemplateValues>(
    () =>
      template ? { category: template.category, title: template.title, body: template.body, active: template.active } : ({ active: true } as TemplateValues),
    [template],
  );
  const { form, modalProps } = useModalForm<TemplateValues>({
    open,
    initial,
    onSubmit: async (values) => {
      if (template) await api.patch<ReplyTemplate>(`/api/service/templates/${template.id}`, values);
      else await api.post<ReplyTemplate>('/api/service/templates', values);
      onSaved();
    },
  });
  return (
    <Modal
      {...modalProps}
      title={template ? t('service.templates.edit') : t('service.templates.create')}
      onCancel={onClose}
      width={640}
      okButtonProps={{ 'data-testid': 'template-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="category" label={t('service.templates.category')} rules={[{ required: true }]}>
          <Select options={requestCategories.map((c) => ({ value: c, label: t(`service.category.${c}`) }))} data-testid="template-category" />
        </Form.Item>
        <Form.Item name="title" label={t('service.templates.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} data-testid="template-title" />
        </Form.Item>
        <Form.Item name="body" label={t('service.templates.body')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 12 }} maxLength={4000} showCount data-testid="template-body" />
        </Form.Item>
        <Form.Item name="active" label={t('service.templates.active')} valuePropName="checked">
          <Switch data-testid="template-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TemplateList({ templates, onChanged }: { templates: ReplyTemplate[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);
  return (
    <Card
      size="small"
      title={t('service.templates.title')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="template-create">
          {t('service.templates.create')}
        </Button>
      }
      data-testid="template-list"
    >
      <Table<ReplyTemplate>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={templates}
        locale={{ emptyText: t('service.templates.none') }}
        columns={[
          {
            title: t('service.templates.category'),
            dataIndex: 'category',
            width: 120,
            filters: requestCategories.map((c) => ({ value: c, text: t(`service.category.${c}`) })),
            onFilter: (v, tpl) => tpl.category === v,
            render: (c: string) => t(`service.category.${c}`),
          },
          { title: t('service.templates.name'), dataIndex: 'title', width: 160 },
          { title: t('service.templates.body'), dataIndex: 'body', ellipsis: true },
          {
            title: t('service.templates.active'),
            dataIndex: 'active',
            width: 70,
            render: (a: boolean) => (a ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 70,
            render: (_: unknown, tpl) => (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => setEditing(tpl)}
                aria-label={t('common.edit')}
                data-testid={`template-edit-${tpl.id}`}
              />
            ),
          },
        ]}
      />
      <TemplateModal
        open={editing !== null}
        template={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success(t('service.templates.saved'));
          onChanged();
        }}
      />
    </Card>
  );
}

export function RoutingSettings() {
  const routes = useApiGet<{ routes: Route[] }>('/api/service/routes');
  const templates = useApiGet<ReplyTemplate[]>('/api/service/templates');
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={10}>
        <RoutingTable routes={routes.data?.routes ?? []} onSaved={(next) => routes.mutate(() => ({ routes: next }))} />
      </Col>
      <Col xs={24} xl={14}>
        <TemplateList templates={templates.data ?? []} onChanged={templates.reload} />
      </Col>
      <Col xs={24}>
        <DeadlineRulesEditor />
      </Col>
    </Row>
  );
}
