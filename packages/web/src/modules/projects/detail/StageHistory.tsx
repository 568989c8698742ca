// 阶段历程: the stages a project went through, newest first, with the date, who moved it and why.
import { useTranslation } from 'react-i18next';
import { Empty, Timeline, Typography } from 'antd';
import { stageIndex, type ProjectDetail } from '@zoneops/shared';
import { formatDateTime } from '../../../app/format.ts';

export function StageHistory({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const history = [...project.stageHistory].sort((a, b) => (a.on !== b.on ? (a.on < b.on ? 1 : -1) : a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.stages.none')} />;
  return (
    <Timeline
      style={{ marginTop: 12, maxWidth: 720 }}
      data-testid="stage-history"
      items={history.map((h) => {
        const back = h.fromStage !== null && stageIndex(h.toStage) < stageIndex(h.fromStage);
        return {
          key: h.id,
          color: back ? 'red' : h.toStage === 'production' || h.toStage === 'completed' ? 'green' : 'blue',
          content: (
            <div data-testid={`stage-event-${h.toStage}`}>
              <Typography.Text strong>
                {h.fromStage
                  ? t('projects.stages.moved', { from: t(`projects.stage.${h.fromStage}`), to: t(`projects.stage.${h.toStage}`) })
                  : t('projects.stages.entered', { to: t(`projects.stage.${h.toStage}`) })}
              </Typography.Text>
              {back && <Typography.Text type="danger">{` ${t('projects.stages.back')}`}</Typography.Text>}
              <div>
                <Typography.Text>{h.on}</Typography.Text>
              </div>
              {h.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{t('projects.stages.reason', { reason: h.reason })}</div>}
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {h.actorName ?? t('ledger.system')} · {formatDateTime(h.at, false)}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
