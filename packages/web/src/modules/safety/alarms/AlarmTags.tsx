// The level (红 / 橙 / 黄 / 蓝) and status tags of an alarm.
import { useTranslation } from 'react-i18next';
import { Tag, Tooltip } from 'antd';
import type { AlarmLevel, AlarmSummary } from '@zoneops/shared';
import { levelColours, statusColours } from './alarm-ui.ts';

export function LevelTag({ level }: { level: AlarmLevel }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`safetyAlarms.levelHint.${level}`)}>
      <Tag color={levelColours[level]} data-level={level}>
        {t(`safetyAlarms.level.${level}`)}
      </Tag>
    </Tooltip>
  );
}

export function AlarmStatusTag({ status }: { status: AlarmSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColours[status]} data-status={status}>
      {t(`safetyAlarms.status.${status}`)}
    </Tag>
  );
}
