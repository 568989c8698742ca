// Shared bits of the meeting pages: the status tag of a meeting.
import { useTranslation } from 'react-i18next';
import { Tag } from 'antd';
import type { MeetingStatus } from '@zoneops/shared';

const colours: Record<MeetingStatus, string> = { scheduled: 'blue', held: 'green', missed: 'red' };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colours[status]} data-testid="meeting-status" data-status={status}>
      {t(`meetings.statuses.${status}`)}
    </Tag>
  );
}
