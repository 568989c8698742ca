// The light of a project: a coloured dot, and the dot with its reasons as the rule words them (projectLightReasonText).
import { useTranslation } from 'react-i18next';
import { Tooltip, Typography } from 'antd';
import type { Light } from '@zoneops/shared';
import { langOf, projectLightColours, projectReasonTexts } from './views-ui.ts';

export function ProjectLightDot({ light, size = 10 }: { light: Light; size?: number }) {
  const { t } = useTranslation();
  return (
    <span
      role="img"
      aria-label={t(`projectViews.light.${light}`)}
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: '50%',
        background: projectLightColours[light],
        boxShadow: light === 'none' ? undefined : `0 0 0 2px ${projectLightColours[light]}33`,
        flex: 'none',
      }}
    />
  );
}

/** The dot and the deciding reason (the others in a tooltip), or every reason when `all`. */
export function ProjectLightBadge({
  light,
  reasons,
  all = false,
  maxWidth,
}: {
  light: Light;
  reasons: readonly { code: string }[];
  all?: boolean;
  maxWidth?: number;
}) {
  const { t, i18n } = useTranslation();
  const texts = projectReasonTexts(reasons, langOf(i18n.language));
  const separator = t('projectViews.reasonSeparator');
  if (all) {
    return (
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }} data-light={light}>
        <span style={{ display: 'inline-flex', alignItems: 'center', height: 22, flex: 'none' }}>
          <ProjectLightDot light={light} size={12} />
        </span>
        <span style={{ lineHeight: '22px' }}>
          {texts.length === 0 && <Typography.Text>{t(`projectViews.light.${light}`)}</Typography.Text>}
          {texts.map((text, k) => (
            <Typography.Text key={k} type={k === 0 ? undefined : 'secondary'} strong={k === 0}>
              {text}
              {k < texts.length - 1 ? separator : ''}
            </Typography.Text>
          ))}
        </span>
      </div>
    );
  }
  const first = texts[0] ?? t(`projectViews.light.${light}`);
  const more = texts.length > 1 ? ` +${texts.length - 1}` : '';
  return (
    <Tooltip title={texts.length > 1 || maxWidth ? texts.join(separator) : undefined}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap', maxWidth }} data-light={light}>
        <ProjectLightDot light={light} />
        <Typography.Text ellipsis style={{ color: light === 'red' ? projectLightColours.red : undefined, minWidth: 0 }}>
          {first}
        </Typography.Text>
        {more && <Typography.Text type="secondary">{more}</Typography.Text>}
      </span>
    </Tooltip>
  );
}
