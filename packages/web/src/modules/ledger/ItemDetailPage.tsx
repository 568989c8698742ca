// One ledger item (a supervision task or a rectification problem): head, the actions the server allows this user,
// the forms, sub-items, checkpoints, progress, extensions, verifications, deadline history, files and timeline.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { App, Button, Card, Col, Popconfirm, Row, Space, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { isOpen, type LedgerAction } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import type { ItemDetail } from '../../app/contract.ts';
import { shanghaiToday } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import {
  ChaseModal,
  CommentModal,
  ExtensionDecisionModal,
  ExtensionModal,
  ProgressModal,
  ReasonModal,
  SignOffModal,
  type Decision,
} from './detail/ActionForms.tsx';
import { Attachments } from './detail/Attachments.tsx';
import { ItemHeader } from './detail/ItemHeader.tsx';
import { Checkpoints, DeadlineHistory, Extensions, ItemTimeline, ProgressEntries, SubItems, Verifications } from './detail/Sections.tsx';
import { VerificationModal } from './detail/VerificationModal.tsx';
import { ItemFormModal } from './ItemFormModal.tsx';

type Extension = ItemDetail['extensions'][number];

/** Transitions that need a reason, and those with their own form. */
const REASON_ACTIONS: readonly LedgerAction[] = ['sendBack', 'object', 'reopen'];
const FORWARD: readonly LedgerAction[] = ['accept', 'start', 'reportCompletion', 'beginVerification', 'verify', 'signOff', 'close', 'closeOngoing'];

type Dialog =
  | { kind: 'reason'; action: LedgerAction }
  | { kind: 'verify' | 'signOff' | 'progress' | 'extension' | 'chase' | 'subItem' }
  | { kind: 'comment'; comment: 'comment' | 'instruction' }
  | { kind: 'decide'; extension: Extension; decision: Decision };

export default function ItemDetailPage() {
  const { id } = useParams();
  const { pathname } = useLocation();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const report = useReportError();
  const { data: detail, error, loading, reload, mutate } = useApiGet<ItemDetail>(id ? `/api/ledger-items/${id}` : null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState<LedgerAction | null>(null);
  const today = shanghaiToday();
  const listPath = pathname.startsWith('/rectification') ? '/rectification' : '/supervision';

  if (!detail) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  // another item's answer while the next one loads
  if (detail.item.id !== id && loading) return <PageLoading />;

  const { item, myRoles } = detail;
  const roles = new Set(myRoles);
  const close = () => setDialog(null);
  const done = (text: string) => (next: ItemDetail) => {
    mutate(() => next);
    setDialog(null);
    void message.success(text);
  };

  const transition = async (action: LedgerAction) => {
    setBusy(action);
    try {
      const next = await api.post<ItemDetail>(`/api/ledger-items/${item.id}/transitions`, { action, version: item.version });
      mutate(() => next);
      void message.success(t('ledger.actions.done', { action: t(`ledgerAction.${action}`) }));
    } catch (err) {
      report(err);
      // a stale view: show what is there now
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'TRANSITION_NOT_ALLOWED')) reload();
    } finally {
      setBusy(null);
    }
  };

  const working = ['assigned', 'accepted', 'inProgress'].includes(item.status);
  const pendingExtension = detail.extensions.some((x) => x.status === 'pending' || x.status === 'escalated');
  const canReport = (roles.has('lead') || roles.has('co')) && working;
  const canExtend = roles.has('lead') && working;
  const canInstruct = roles.has('leader') || !!me?.roles.some((r) => r === 'leader' || r === 'cityLeader');
  const canChase = roles.has('supervisor') && isOpen(item.status);
  const canUpload = roles.has('lead') || roles.has('co') || roles.has('supervisor');
  const canSubItem = (roles.has('lead') || roles.has('supervisor')) && !item.parentId && working;

  const actionButton = (action: LedgerAction) => {
    const testId = `action-${action}`;
    const label = t(`ledgerAction.${action}`);
    const primary = FORWARD.includes(action);
    if (REASON_ACTIONS.includes(action)) {
      return (
        <Button key={action} danger onClick={() => setDialog({ kind: 'reason', action })} data-testid={testId}>
          {label}
        </Button>
      );
    }
    if (action === 'verify' || action === 'signOff') {
      return (
        <Button key={action} type="primary" onClick={() => setDialog({ kind: action })} data-testid={testId}>
          {label}
        </Button>
      );
    }
    const evidenceHint = action === 'reportCompletion' && detail.ledger.evidenceRequired ? t('ledger.actions.evidenceHint') : null;
    // closing waits for the end of the public notice (NOTICE_NOT_OVER)
    const noticeRunning = (action === 'close' || action === 'closeOngoing') && !!item.noticeEndsOn && today < item.noticeEndsOn;
    if (noticeRunning) {
      return (
        <Tooltip key={action} title={t('ledger.actions.noticeRunning', { date: item.noticeEndsOn })}>
          <Button disabled data-testid={testId}>
            {label}
          </Button>
        </Tooltip>
      );
    }
    return (
      <Popconfirm
        key={action}
        title={t('ledger.actions.confirm', { action: label })}
        description={evidenceHint ?? (action === 'close' || action === 'closeOngoing' ? t('ledger.actions.closeHint') : undefined)}
        onConfirm={() => void transition(action)}
        okButtonProps={{ 'data-testid': `${testId}-confirm` } as never}
      >
        <Button type={primary ? 'primary' : 'default'} loading={busy === action} data-testid={testId}>
          {label}
        </Button>
      </Popconfirm>
    );
  };

  return (
    <div data-testid="item-detail">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <ItemHeader detail={detail} today={today} listPath={listPath} />

        <Card size="small" styles={{ body: { padding: '10px 12px' } }}>
          <Space wrap size={8} data-testid="item-actions">
            <Link to={listPath}>
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            {detail.allowedActions.map(actionButton)}
            {(canReport || ((roles.has('lead') || roles.has('co')) && item.status === 'assigned')) && (
              <Tooltip title={item.status === 'assigned' ? t('ledger.actions.acceptFirst') : undefined}>
                <Button onClick={() => setDialog({ kind: 'progress' })} disabled={item.status === 'assigned'} data-testid="progress-open">
                  {t('ledger.actions.reportProgress')}
                </Button>
              </Tooltip>
            )}
            {canExtend && (
              <Tooltip title={pendingExtension ? t('errors.EXTENSION_PENDING') : undefined}>
                <Button onClick={() => setDialog({ kind: 'extension' })} disabled={pendingExtension} data-testid="extension-open">
                  {t('ledger.actions.requestExtension')}
                </Button>
              </Tooltip>
            )}
            {canChase && (
              <Button onClick={() => setDialog({ kind: 'chase' })} data-testid="chase-open">
                {t('ledger.actions.chase')}
              </Button>
            )}
            {canInstruct && (
              <Button onClick={() => setDialog({ kind: 'comment', comment: 'instruction' })} data-testid="comment-instruction-open">
                {t('ledger.actions.instruct')}
              </Button>
            )}
            <Button onClick={() => setDialog({ kind: 'comment', comment: 'comment' })} data-testid="comment-open">
              {t('ledger.actions.comment')}
            </Button>
            {detail.allowedActions.length === 0 && !canReport && !canExtend && !canChase && (
              <Typography.Text type="secondary">{t('ledger.actions.nothingToDo')}</Typography.Text>
            )}
          </Space>
        </Card>

        <Row gutter={[12, 12]}>
          <Col xs={24} xl={16}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {(item.description || item.measures) && (
                <Card size="small" title={item.measures ? t('ledger.descriptionAndMeasures') : t('ledger.form.description')}>
                  {item.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.description}</Typography.Paragraph>}
                  {item.measures && (
                    <>
                      <Typography.Text strong>{t('ledger.col.measures')}</Typography.Text>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{item.measures}</Typography.Paragraph>
                    </>
                  )}
                </Card>
              )}
              {!item.parentId && (canSubItem || detail.children.length > 0) && (
                <SubItems detail={detail} canCreate={canSubItem} onCreate={() => setDialog({ kind: 'subItem' })} />
              )}
              {!item.parentId && <Checkpoints detail={detail} today={today} />}
              <ProgressEntries detail={detail} />
              <Extensions detail={detail} meId={me?.id} onDecide={(extension, decision) => setDialog({ kind: 'decide', extension, decision })} />
              <Verifications detail={detail} />
              <DeadlineHistory detail={detail} />
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Attachments key={item.version} itemId={item.id} canUpload={canUpload} onUploaded={reload} />
              <ItemTimeline detail={detail} />
            </Space>
          </Col>
        </Row>
      </Space>

      <ReasonModal
        detail={detail}
        open={dialog?.kind === 'reason'}
        action={dialog?.kind === 'reason' ? dialog.action : null}
        onClose={close}
        onDone={done(t('ledger.actions.done', { action: dialog?.kind === 'reason' ? t(`ledgerAction.${dialog.action}`) : '' }))}
      />
      <VerificationModal detail={detail} open={dialog?.kind === 'verify'} today={today} onClose={close} onDone={done(t('ledger.verification.recorded'))} />
      <SignOffModal detail={detail} open={dialog?.kind === 'signOff'} onClose={close} onDone={done(t('ledger.actions.signedOff'))} />
      <ProgressModal detail={detail} open={dialog?.kind === 'progress'} onClose={close} onDone={done(t('ledger.progress.reported'))} />
      <ExtensionModal detail={detail} open={dialog?.kind === 'extension'} today={today} onClose={close} onDone={done(t('ledger.extension.requested'))} />
      <ExtensionDecisionModal
        detail={detail}
        open={dialog?.kind === 'decide'}
        extension={dialog?.kind === 'decide' ? dialog.extension : null}
        decision={dialog?.kind === 'decide' ? dialog.decision : null}
        onClose={close}
        onDone={done(t('ledger.extension.decided'))}
      />
      <CommentModal
        detail={detail}
        open={dialog?.kind === 'comment'}
        kind={dialog?.kind === 'comment' ? dialog.comment : 'comment'}
        onClose={close}
        onDone={done(t('ledger.comment.posted'))}
      />
      <ChaseModal detail={detail} open={dialog?.kind === 'chase'} onClose={close} onDone={done(t('ledger.chase.sent'))} />
      <ItemFormModal
        open={dialog?.kind === 'subItem'}
        kind={item.ledgerKind === 'rectification' ? 'rectification' : 'supervision'}
        ledgers={[]}
        parent={item}
        onClose={close}
        onCreated={(created) => {
          setDialog(null);
          void message.success(t('ledger.itemCreated', { code: created.item.code }));
          reload();
        }}
      />
    </div>
  );
}
