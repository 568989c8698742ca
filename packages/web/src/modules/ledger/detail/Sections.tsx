// The parts of an item's detail: sub-items, checkpoints, progress entries, deadline history, extension requests,
// verifications and sign-offs, and the timeline of events.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Card, Empty, List, Progress, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import type { ItemDetail } from '../../../app/contract.ts';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { describeEvent } from '../events.ts';
import { itemPath, ItemStatus } from '../item-columns.tsx';
import { LightBadge } from '../LightBadge.tsx';
import { daysBetween, reasonLang } from '../ledger-ui.ts';
import type { Decision } from './ActionForms.tsx';

type Child = ItemDetail['children'][number];
type Extension = ItemDetail['extensions'][number];

const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '8px 0' }} />;

export function SubItems({ detail, canCreate, onCreate }: { detail: ItemDetail; canCreate: boolean; onCreate: () => void }) {
  const { t } = useTranslation();
  const totalWeight = detail.children.reduce((s, c) => s + (c.weight ?? 1), 0);
  return (
    <Card
      size="small"
      title={t('ledger.sub.title')}
      extra={
        canCreate && (
          <Button size="small" icon={<PlusOutlined />} onClick={onCreate} data-testid="subitem-create">
            {t('ledger.sub.create')}
          </Button>
        )
      }
      data-testid="item-children"
    >
      {detail.children.length === 0 ? (
        empty(t('ledger.sub.none'))
      ) : (
        <List<Child>
          size="small"
          dataSource={detail.children}
          renderItem={(c) => (
            <List.Item data-testid={`subitem-${c.code}`}>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Link to={itemPath(c)}>
                  <Typography.Text style={{ color: 'inherit' }} ellipsis={{ tooltip: c.title }}>
                    <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                      {c.code}
                    </Typography.Text>
                    {c.title}
                  </Typography.Text>
                </Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.leadUnitName} · {t('ledger.sub.weight')}{' '}
                    {t('ledger.parenthesised', { text: c.weight ?? 1, note: `${totalWeight ? Math.round(((c.weight ?? 1) / totalWeight) * 100) : 100}%` })} ·{' '}
                    {t('ledger.col.deadline')} {c.deadline}
                  </Typography.Text>
                </div>
              </div>
              <Space size={12} style={{ flex: 'none' }}>
                <Progress percent={c.progress} size="small" format={(p) => `${p}%`} style={{ width: 110, margin: 0 }} />
                <ItemStatus item={c} />
                <LightBadge light={c.light} reasons={c.lightReasons} maxWidth={120} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function Checkpoints({ detail, today }: { detail: ItemDetail; today: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <Card size="small" title={t('ledger.checkpoints.title')} data-testid="item-checkpoints">
      {detail.checkpoints.length === 0 ? (
        empty(t('ledger.checkpoints.none'))
      ) : (
        <List
          size="small"
          dataSource={detail.checkpoints}
          renderItem={(c) => {
            const metOn = c.metAt ? formatDate(c.metAt) : null;
            const late = metOn ? metOn > c.dueOn : today > c.dueOn;
            const icon = metOn ? (
              <CheckCircleFilled style={{ color: late ? '#f5a623' : '#3aa655' }} />
            ) : late ? (
              <ExclamationCircleFilled style={{ color: '#e5484d' }} />
            ) : (
              <ClockCircleOutlined style={{ color: '#8c8c8c' }} />
            );
            const mark = metOn
              ? late
                ? t('ledger.checkpoints.metLate', { date: metOn, days: daysBetween(c.dueOn, metOn) })
                : t('ledger.checkpoints.met', { date: metOn })
              : late
                ? t('ledger.checkpoints.late', { days: daysBetween(c.dueOn, today) })
                : t('ledger.checkpoints.pending');
            return (
              <List.Item data-testid={`checkpoint-${c.code}`}>
                <Space>
                  {icon}
                  <Typography.Text strong>{english ? c.nameEn : c.name}</Typography.Text>
                  <Typography.Text type="secondary">{t('ledger.checkpoints.due', { date: c.dueOn })}</Typography.Text>
                </Space>
                <Tag color={metOn ? (late ? 'orange' : 'green') : late ? 'red' : 'default'}>{mark}</Tag>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

export function ProgressEntries({ detail }: { detail: ItemDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('ledger.progress.title')} data-testid="item-progress">
      {detail.progress.length === 0 ? (
        empty(t('ledger.noProgress'))
      ) : (
        <List
          size="small"
          dataSource={detail.progress}
          renderItem={(p) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Space size={8} wrap>
                  <Tag color={p.kind === 'effect' ? 'green' : p.kind === 'decomposition' ? 'purple' : 'blue'}>{t(`ledger.progress.kinds.${p.kind}`)}</Tag>
                  <Typography.Text type="secondary">
                    {p.reportedOn} · {p.authorName ?? '—'}
                  </Typography.Text>
                  {p.percent !== null && <Typography.Text strong>{p.percent}%</Typography.Text>}
                </Space>
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{p.text}</Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function DeadlineHistory({ detail }: { detail: ItemDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('ledger.deadlines.title')} data-testid="item-deadlines">
      <Table
        rowKey={(d) => `${d.setAt}-${d.deadline}`}
        size="small"
        pagination={false}
        dataSource={detail.deadlines}
        columns={[
          {
            title: t('ledger.deadlines.deadline'),
            key: 'deadline',
            width: 150,
            render: (_, d, k) => (
              <Space size={4}>
                <Typography.Text strong={k === detail.deadlines.length - 1} delete={k < detail.deadlines.length - 1}>
                  {d.deadline}
                </Typography.Text>
                {k === detail.deadlines.length - 1 && <Tag color="blue">{t('ledger.deadlines.current')}</Tag>}
              </Space>
            ),
          },
          { title: t('ledger.deadlines.previous'), dataIndex: 'previous', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('ledger.deadlines.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? t('ledger.deadlines.initial') },
          { title: t('ledger.deadlines.setBy'), dataIndex: 'setByName', width: 90, render: (v: string | null) => v ?? '—' },
          { title: t('ledger.deadlines.setAt'), dataIndex: 'setAt', width: 150, render: (v: string) => formatDateTime(v, false) },
        ]}
      />
    </Card>
  );
}

const extensionColours: Record<Extension['status'], string> = { pending: 'gold', escalated: 'orange', approved: 'green', rejected: 'red' };

export function Extensions({
  detail,
  meId,
  onDecide,
}: {
  detail: ItemDetail;
  meId: string | undefined;
  onDecide: (ext: Extension, decision: Decision) => void;
}) {
  const { t } = useTranslation();
  const supervisor = detail.myRoles.includes('supervisor');
  if (!detail.extensions.length) return null;
  return (
    <Card size="small" title={t('ledger.extension.title')} data-testid="item-extensions">
      <List
        size="small"
        dataSource={detail.extensions}
        renderItem={(x) => {
          const mayDecide = (x.status === 'pending' && supervisor) || (x.status === 'escalated' && x.escalatedTo === meId);
          return (
            <List.Item
              actions={
                mayDecide
                  ? (['approve', 'reject', ...(x.status === 'pending' ? (['escalate'] as const) : [])] as const).map((d) => (
                      <Button
                        key={d}
                        size="small"
                        type={d === 'approve' ? 'primary' : 'default'}
                        danger={d === 'reject'}
                        onClick={() => onDecide(x, d)}
                        data-testid={`extension-decide-${d}`}
                      >
                        {t(`ledger.extension.decisions.${d}`)}
                      </Button>
                    ))
                  : undefined
              }
            >
              <div>
                <Space size={8} wrap>
                  <Tag color={extensionColours[x.status]}>{t(`ledger.extension.statuses.${x.status}`)}</Tag>
                  <Typography.Text strong>{t('ledger.extension.to', { date: x.newDeadline })}</Typography.Text>
                  {x.late && <Tag color="red">{t('ledger.extension.late')}</Tag>}
                  <Typography.Text type="secondary">
                    {x.requestedByName ?? '—'} · {formatDateTime(x.requestedAt, false)}
                  </Typography.Text>
                </Space>
                <div style={{ marginTop: 4 }}>{t('ledger.labelled', { label: t('ledger.extension.reason'), text: x.reason })}</div>
                <Typography.Text type="secondary">{t('ledger.labelled', { label: t('ledger.extension.progressNote'), text: x.progressNote })}</Typography.Text>
                {x.decisionNote && <div>{t('ledger.extension.decisionNote', { note: x.decisionNote })}</div>}
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

export function Verifications({ detail }: { detail: ItemDetail }) {
  const { t } = useTranslation();
  if (!detail.verifications.length) return null;
  return (
    <Card size="small" title={t('ledger.verification.records')} data-testid="item-verifications">
      <List
        size="small"
        dataSource={detail.verifications}
        renderItem={(v) => (
          <List.Item>
            <div>
              <Space size={8} wrap>
                <Tag color={v.passed ? 'green' : 'red'}>
                  {v.kind === 'onSite'
                    ? v.passed
                      ? t('ledger.verification.passed')
                      : t('ledger.verification.failed')
                    : t('ledger.verification.signoffLevel', { level: v.level })}
                </Tag>
                <Typography.Text>
                  {v.verifierUnitName ? t('ledger.parenthesised', { text: v.verifierName ?? '—', note: v.verifierUnitName }) : (v.verifierName ?? '—')}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {v.kind === 'onSite' && v.checkedOn ? `${t('ledger.verification.checkedOn')} ${v.checkedOn}` : formatDateTime(v.at, false)}
                  {v.place ? ` · ${v.place}` : ''}
                </Typography.Text>
              </Space>
              <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{v.findings}</div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function ItemTimeline({ detail }: { detail: ItemDetail }) {
  const { t, i18n } = useTranslation();
  const lang = reasonLang(i18n.language);
  // newest first
  const events = [...detail.events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Card size="small" title={t('ledger.timeline')} data-testid="timeline">
      {events.length === 0 ? (
        empty(t('ledger.noEvents'))
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={events.map((e) => {
            const d = describeEvent(e, t as never, lang);
            return {
              key: e.id,
              color: d.colour,
              content: (
                <div data-testid={`event-${e.kind}`}>
                  <Typography.Text strong>{d.title}</Typography.Text>
                  {d.body && <div style={{ whiteSpace: 'pre-wrap', color: e.kind === 'instruction' ? '#c0392b' : undefined }}>{d.body}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {e.actorName ?? t('ledger.system')} · {formatDateTime(e.at, false)}
                  </Typography.Text>
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

/** A hint beside an action that cannot be taken yet. */
export function Hint({ text, children }: { text: string | null; children: ReactNode }) {
  return text ? <Tooltip title={text}>{children}</Tooltip> : <>{children}</>;
}
