// One lead (/promotion/leads/:id): its head with the stage steps and the clocks, the actions the server allows this
// user (detail.can), its facts and contacts, its assessments and its history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { App, Button, Col, Row, Space } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { LeadDetail } from '@zoneops/shared';
import { isApiError } from '../../app/api.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { LeadHeader } from './detail/LeadHeader.tsx';
import { Assessments, LeadHistory } from './detail/LeadHistory.tsx';
import { LeadContacts, LeadInfo } from './detail/LeadInfo.tsx';
import { AssessModal, ClockModal, CloseModal, ConvertModal, StageModal, TransferModal } from './detail/LeadModals.tsx';
import { canConvert } from './promotion-ui.ts';

type Dialog = { kind: 'stage' | 'transfer' | 'close' | 'assess' | 'convert' } | { kind: 'clock'; code: string } | null;

export function LeadView({ lead, replace, reload }: { lead: LeadDetail; replace: (next: LeadDetail) => void; reload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  // bumped after every change so that the history and the assessments load again
  const [version, setVersion] = useState(0);
  const { can } = lead;
  const active = lead.outcome === 'active';
  const close = () => setDialog(null);
  const done = (text: string) => (next: LeadDetail) => {
    replace(next);
    setDialog(null);
    setVersion((v) => v + 1);
    void message.success(text);
  };
  const open = (kind: 'stage' | 'transfer' | 'close' | 'assess' | 'convert') => () => setDialog({ kind });

  const actions = (
    <>
      <Link to="/promotion">
        <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
      </Link>
      <Button
        icon={<ReloadOutlined />}
        onClick={() => {
          reload();
          setVersion((v) => v + 1);
        }}
        aria-label={t('common.refresh')}
      />
      {active && can.edit && (
        <Button type="primary" onClick={open('stage')} data-testid="lead-action-stage">
          {t('promotion.actions.stage')}
        </Button>
      )}
      {active && can.transfer && (
        <Button onClick={open('transfer')} data-testid="lead-action-transfer">
          {t('promotion.actions.transfer')}
        </Button>
      )}
      {/* the decision is the superior's: the server refuses an assessment without can.approve, even from the owner */}
      {active && can.approve && (
        <Button onClick={open('assess')} data-testid="lead-action-assess">
          {t('promotion.actions.assess')}
        </Button>
      )}
      {can.approve && canConvert(lead) && (
        <Button onClick={open('convert')} data-testid="lead-action-convert">
          {t('promotion.actions.convert')}
        </Button>
      )}
      {active && can.edit && (
        <Button danger onClick={open('close')} data-testid="lead-action-close">
          {t('promotion.actions.close')}
        </Button>
      )}
    </>
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="lead-detail">
      <LeadHeader lead={lead} actions={actions} onClockDone={can.edit ? (code) => setDialog({ kind: 'clock', code }) : undefined} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <LeadInfo lead={lead} />
            <LeadContacts lead={lead} />
            <Assessments key={version} leadId={lead.id} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <LeadHistory key={version} leadId={lead.id} />
        </Col>
      </Row>

      <StageModal open={dialog?.kind === 'stage'} lead={lead} onClose={close} onDone={done(t('promotion.stageMove.done'))} />
      <TransferModal open={dialog?.kind === 'transfer'} lead={lead} onClose={close} onDone={done(t('promotion.transfer.done'))} />
      <CloseModal open={dialog?.kind === 'close'} lead={lead} onClose={close} onDone={done(t('promotion.close.done'))} />
      <AssessModal open={dialog?.kind === 'assess'} lead={lead} onClose={close} onDone={done(t('promotion.assess.done'))} />
      <ConvertModal open={dialog?.kind === 'convert'} lead={lead} onClose={close} onDone={done(t('promotion.convert.done'))} />
      <ClockModal
        open={dialog?.kind === 'clock'}
        code={dialog?.kind === 'clock' ? dialog.code : null}
        lead={lead}
        onClose={close}
        onDone={done(t('promotion.clock.doneMessage'))}
      />
    </Space>
  );
}

export default function LeadDetailPage() {
  const { id } = useParams();
  const { data, error, loading, reload, mutate } = useApiGet<LeadDetail>(id ? `/api/promotion/leads/${id}` : null);
  if (!data) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  if (data.id !== id && loading) return <PageLoading />;
  return <LeadView key={data.id} lead={data} reload={reload} replace={(next) => mutate(() => next)} />;
}
