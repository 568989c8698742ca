// The light of a project with its reasons in the rule's own words (projectLightReasonText): the deciding reason beside
// the dot and all of them in a tooltip, or every reason listed (`all`, the detail page).
import { useTranslation } from 'react-i18next';
import { Space, Tooltip, Typography } from 'antd';
import type { Light } from '@zoneops/shared';
import { LightDot } from '../ledger/LightBadge.tsx';
import { lightColours, reasonLang } from '../ledger/ledger-ui.ts';
import { projectReasonTexts } from './project-ui.ts';

export function ProjectLight({
  light,
  reasons,
  all = false,
  maxWidth,
  testId,
}: {
  light: Light;
  reasons: readonly { code: string }[];
  all?: boolean;
  maxWidth?: number;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const texts = projectReasonTexts(reasons, reasonLang(i18n.language));
  const separator = t('ledger.reasonSeparator');
  if (all) {
    return (
      <Space size={6} align="center" wrap data-testid={testId} data-light={light}>
        <LightDot light={light} size={12} />
        {texts.map((text, k) => (
          <Typography.Text key={k} type={k === 0 ? undefined : 'secondary'} strong={k === 0}>
            {text}
            {k < texts.length - 1 ? separator : ''}
          </Typography.Text>
        ))}
      </Space>
    );
  }
  const more = texts.length > 1 ? ` +${texts.length - 1}` : '';
  return (
    <Tooltip title={texts.length ? texts.join(separator) : t(`ledgerLight.${light}`)}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap', maxWidth }} data-testid={testId} data-light={light}>
        <LightDot light={light} />
        <Typography.Text ellipsis style={{ color: light === 'red' ? lightColours.red : undefined, minWidth: 0 }}>
          {texts[0] ?? t(`ledgerLight.${light}`)}
        </Typography.Text>
        {more && <Typography.Text type="secondary">{more}</Typography.Text>}
      </span>
    </Tooltip>
  );
}
