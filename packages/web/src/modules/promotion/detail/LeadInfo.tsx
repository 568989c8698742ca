// The facts of a lead (company, investment, screening figures, source and referrer, stage dates) and its contacts,
// shown masked with an explicit note to anyone but the owner and the owner's superiors.
import { useTranslation } from 'react-i18next';
import { Alert, Card, Descriptions, Table } from 'antd';
import type { LeadDetail } from '@zoneops/shared';
import { formatNumber } from '../../../app/format.ts';
import { useDictionary } from '../../../app/reference-data.ts';
import { formatWan } from '../../projects/format.ts';
import { regionName } from '../leads/LeadFormModal.tsx';

export function LeadInfo({ lead }: { lead: LeadDetail }) {
  const { t, i18n } = useTranslation();
  const industries = useDictionary('industry');
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const yesNo = (v: boolean | null) => (v === null ? '—' : t(v ? 'common.yes' : 'common.no'));
  return (
    <Card size="small" title={t('promotion.detail.info')} data-testid="lead-info">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
        <Descriptions.Item label={t('promotion.col.uscc')}>{dash(lead.uscc)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.parentCompany')}>{dash(lead.parentCompany)}</Descriptions.Item>
        <Descriptions.Item
          label={t('promotion.col.countryRegion')}
        >{`${lead.countryRegion} · ${regionName(lead.countryRegion, i18n.language)}`}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.industry')}>{industries.labelOf(lead.industry)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.plannedInvestment')}>
          {lead.currency
            ? t('promotion.detail.foreign', { amount: lead.foreignAmount, currency: lead.currency, rate: lead.fxRate, wan: formatWan(lead.plannedInvestment) })
            : formatWan(lead.plannedInvestment)}
        </Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.energyUse')}>
          {lead.energyUse === null ? '—' : `${formatNumber(lead.energyUse)} ${t('promotion.unit.tce')}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.environmentalCategory')}>
          {lead.environmentalCategory ? t(`promotion.env.${lead.environmentalCategory}`, { defaultValue: lead.environmentalCategory }) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.chainFit')}>{yesNo(lead.chainFit)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.source')}>{lead.source}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.referrer')}>{dash(lead.referrer)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.referrerPhone')}>{dash(lead.referrerPhone)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.signedOn')}>{dash(lead.signedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.plannedStartOn')}>{dash(lead.plannedStartOn)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.startedOn')}>{dash(lead.startedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.productionOn')}>{dash(lead.productionOn)}</Descriptions.Item>
        <Descriptions.Item label={t('promotion.col.content')} span={3}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{dash(lead.content)}</div>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function LeadContacts({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('promotion.detail.contacts')} data-testid="lead-contacts">
      {lead.contactsMasked && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('promotion.detail.masked')} data-testid="lead-contacts-masked" />
      )}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={lead.contacts.map((c, i) => ({ ...c, key: i }))}
        locale={{ emptyText: t('promotion.detail.noContacts') }}
        columns={[
          { title: t('promotion.contact.name'), dataIndex: 'name', key: 'name' },
          { title: t('promotion.contact.title'), dataIndex: 'title', key: 'title', render: (v: string | null) => v ?? '—' },
          { title: t('promotion.contact.phone'), dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('promotion.contact.email'), dataIndex: 'email', key: 'email', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
