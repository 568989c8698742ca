// The small marks of the service pages: a request's status, a rating, late, solved or not.
import { useTranslation } from 'react-i18next';
import { Tag } from 'antd';
import type { RequestRating, RequestStatus } from '@zoneops/shared';
import { ratingColours, statusColours } from './service-ui.ts';

export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColours[status]} data-status={status}>
      {t(`service.status.${status}`)}
    </Tag>
  );
}

export function RatingTag({ rating }: { rating: RequestRating | null }) {
  const { t } = useTranslation();
  if (!rating) return <>—</>;
  return (
    <Tag color={ratingColours[rating]} data-rating={rating}>
      {t(`service.rating.${rating}`)}
    </Tag>
  );
}

export function LateTag({ late }: { late: boolean }) {
  const { t } = useTranslation();
  return late ? (
    <Tag color="red" data-testid="late-tag">
      {t('service.late')}
    </Tag>
  ) : null;
}

export function ResolvedText({ resolved }: { resolved: boolean | null }) {
  const { t } = useTranslation();
  if (resolved === null) return <>—</>;
  return <Tag color={resolved ? 'green' : 'orange'}>{resolved ? t('service.resolved') : t('service.unresolved')}</Tag>;
}
