// 产业链图谱 (/promotion/chains): the chains as cards (segments, gaps, zone enterprises, targets) and the selected
// one (?chain=) as a tree: chain → segments → companies, the gaps in red, the chain leaders marked. A click on a lead
// opens it, on a segment opens its drawer. promotion.manage adds, edits and deletes chains, segments and companies.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Space, Statistic, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Chain, ChainDetail } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { invalidateCache } from '../../app/reference-data.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { ChainDiagram } from './chains/ChainDiagram.tsx';
import { ChainFormModal, CompanyFormModal, SegmentFormModal } from './chains/ChainForms.tsx';
import { SegmentDrawer } from './chains/SegmentDrawer.tsx';
import { leadPath } from './leads/LeadList.tsx';
import { CHAINS_PATH } from './pickers.tsx';
import { itemsOf } from './promotion-ui.ts';

type Segment = ChainDetail['segments'][number];
type Company = Segment['companies'][number];
type Dialog =
  | { kind: 'chain'; chain: Chain | null }
  | { kind: 'segment'; segment: Segment | null; parentId?: string | null }
  | { kind: 'company'; segment: Segment; company: Company | null }
  | null;

export function ChainCards({ chains, selected, onSelect }: { chains: Chain[]; selected: string | undefined; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  if (chains.length === 0) return <Empty description={t('promotion.chains.none')} />;
  return (
    <Row gutter={[12, 12]} data-testid="chain-cards">
      {chains.map((c) => (
        <Col key={c.id} xs={24} md={12} xl={6}>
          <Card
            size="small"
            hoverable
            onClick={() => onSelect(c.id)}
            style={c.id === selected ? { borderColor: '#1b4d89', boxShadow: '0 0 0 1px #1b4d89' } : undefined}
            title={c.name}
            extra={c.chiefName ? <Typography.Text type="secondary">{t('promotion.chains.chiefOf', { name: c.chiefName })}</Typography.Text> : undefined}
            data-testid={`chain-card-${c.id}`}
          >
            <Row gutter={8}>
              <Col span={6}>
                <Statistic title={t('promotion.chains.segments')} value={c.segmentCount} styles={{ content: { fontSize: 18 } }} />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('promotion.chains.gaps')}
                  value={c.gapCount}
                  styles={{ content: { fontSize: 18, color: c.gapCount > 0 ? '#e5484d' : undefined } }}
                />
              </Col>
              <Col span={6}>
                <Statistic title={t('promotion.chains.zone')} value={c.zoneEnterpriseCount} styles={{ content: { fontSize: 18 } }} />
              </Col>
              <Col span={6}>
                <Statistic title={t('promotion.chains.targetCount')} value={c.targetCount} styles={{ content: { fontSize: 18 } }} />
              </Col>
            </Row>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function ChainPanel({ chainId, manage, onChainChanged }: { chainId: string; manage: boolean; onChainChanged: (deleted?: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const navigate = useNavigate();
  const { data: chain, reload } = useApiGet<ChainDetail>(`${CHAINS_PATH}/${chainId}`);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!chain) return <Card loading size="small" />;
  const segment = chain.segments.find((s) => s.id === segmentId) ?? null;
  const changed = () => {
    reload();
    invalidateCache(CHAINS_PATH);
    onChainChanged();
  };
  const saved = () => {
    setDialog(null);
    void message.success(t('common.saved'));
    changed();
  };
  const remove = async () => {
    try {
      await api.delete(`${CHAINS_PATH}/${chain.id}`);
      void message.success(t('common.deleted'));
      invalidateCache(CHAINS_PATH);
      onChainChanged(true);
    } catch (err) {
      report(err);
    }
  };
  return (
    <Card
      size="small"
      title={chain.name}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          {manage && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'segment', segment: null })} data-testid="chain-add-segment">
                {t('promotion.chains.addSegment')}
              </Button>
              <Button onClick={() => setDialog({ kind: 'chain', chain })} data-testid="chain-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm title={t('promotion.chains.deleteConfirm')} onConfirm={() => void remove()}>
                <Button danger data-testid="chain-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      }
      data-testid="chain-panel"
    >
      {chain.description && <Typography.Paragraph type="secondary">{chain.description}</Typography.Paragraph>}
      {chain.segments.length === 0 ? (
        <Empty description={t('promotion.chains.noSegments')} />
      ) : (
        <ChainDiagram
          chain={chain}
          onNode={(n) => {
            if (n.kind === 'company' && n.leadId) void navigate(leadPath(n.leadId));
            else if (n.segmentId) setSegmentId(n.segmentId);
          }}
        />
      )}
      <SegmentDrawer
        segment={segment}
        manage={manage}
        onClose={() => setSegmentId(null)}
        actions={{
          editSegment: (s) => setDialog({ kind: 'segment', segment: s }),
          addSubSegment: (s) => setDialog({ kind: 'segment', segment: null, parentId: s.id }),
          addCompany: (s) => setDialog({ kind: 'company', segment: s, company: null }),
          editCompany: (s, c) => setDialog({ kind: 'company', segment: s, company: c }),
          changed,
        }}
      />
      <ChainFormModal open={dialog?.kind === 'chain'} chain={dialog?.kind === 'chain' ? dialog.chain : null} onClose={() => setDialog(null)} onSaved={saved} />
      <SegmentFormModal
        open={dialog?.kind === 'segment'}
        chain={chain}
        segment={dialog?.kind === 'segment' ? dialog.segment : null}
        parentId={dialog?.kind === 'segment' ? dialog.parentId : null}
        onClose={() => setDialog(null)}
        onSaved={saved}
      />
      {dialog?.kind === 'company' && (
        <CompanyFormModal open segment={dialog.segment} company={dialog.company} onClose={() => setDialog(null)} onSaved={saved} />
      )}
    </Card>
  );
}

export default function ChainsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('promotion.manage');
  const [params, setParams] = useSearchParams();
  const { data, reload } = useApiGet<Chain[] | { items: Chain[] }>(CHAINS_PATH);
  const [creating, setCreating] = useState(false);
  const chains = itemsOf(data);
  const selected = chains.find((c) => c.id === params.get('chain'))?.id ?? chains[0]?.id;
  const select = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('chain', id);
        else next.delete('chain');
        return next;
      },
      { replace: true },
    );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="chains-page">
      <Card
        size="small"
        title={t('menu.promotionChains')}
        loading={!data}
        extra={
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="chain-create">
                {t('promotion.chains.create')}
              </Button>
            )}
          </Flex>
        }
      >
        <ChainCards chains={chains} selected={selected} onSelect={select} />
      </Card>
      {selected && (
        <ChainPanel
          key={selected}
          chainId={selected}
          manage={manage}
          onChainChanged={(deleted) => {
            if (deleted) select(null);
            reload();
          }}
        />
      )}
      <ChainFormModal
        open={creating}
        chain={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          void message.success(t('common.saved'));
          invalidateCache(CHAINS_PATH);
          reload();
          select(c.id);
        }}
      />
    </Space>
  );
}
