import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Spin } from 'antd';
import type { EnterpriseStats } from '../../app/contract.ts';
import { useDictionary } from '../../app/reference-data.ts';
import { useApiGet } from '../../app/use-api.ts';
import { enterpriseIndustryOption } from '../../charts/enterprise-industry.ts';
import { EChart } from '../../app/EChart.tsx';

export default function IndustryChart() {
  const { t } = useTranslation();
  const { data, loading } = useApiGet<EnterpriseStats>('/api/enterprises/stats');
  const { labelOf } = useDictionary('industry');
  const option = useMemo(
    () =>
      enterpriseIndustryOption(data?.byIndustry ?? [], {
        labelOf,
        unknown: t('workbench.unknownIndustry'),
        other: t('workbench.other'),
        noData: t('workbench.noIndustryData'),
      }),
    [data, labelOf, t],
  );
  return (
    <Card title={t('workbench.industryChart')} size="small">
      <Spin spinning={loading}>
        <EChart option={option} height={300} testId="industry-chart" />
      </Spin>
    </Card>
  );
}
