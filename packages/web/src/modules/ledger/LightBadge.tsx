import { useTranslation } from 'react-i18next';
import { Space, Tooltip, Typography } from 'antd';
import type { Light } from '@zoneops/shared';
import { lightColours, reasonLang, reasonTexts } from './ledger-ui.ts';

/** The coloured dot of a light. */
export function LightDot({ light, size = 10 }: { light: Light; size?: number }) {
  const { t } = useTranslation();
  return (
    <span
      role="img"
      aria-label={t(`ledgerLight.${light}`)}
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: '50%',
        background: lightColours[light],
        boxShadow: light === 'none' ? undefined : `0 0 0 2px ${lightColours[light]}33`,
        flex: 'none',
      }}
    />
  );
}

/**
 * The light with the reason beside it, as the rule states it (lightReasonText): the deciding reason, and the others
 * in a tooltip (all of them listed when `all`).
 */
export function LightBadge({
  light,
  reasons,
  all = false,
  maxWidth,
  testId,
}: {
  light: Light;
  reasons: readonly { code: string }[];
  all?: boolean;
  /** The room of a table cell: the reason is cut with an ellipsis (all reasons stay in the tooltip). */
  maxWidth?: number;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const texts = reasonTexts(reasons, reasonLang(i18n.language));
  if (all) {
    return (
      <Space size={6} align="center" wrap data-testid={testId} data-light={light}>
        <LightDot light={light} size={12} />
        {texts.map((text, k) => (
          <Typography.Text key={k} type={k === 0 ? undefined : 'secondary'} strong={k === 0}>
            {text}
            {k < texts.length - 1 ? t('ledger.reasonSeparator') : ''}
          </Typography.Text>
        ))}
      </Space>
    );
  }
  const first = texts[0] ?? '';
  const more = texts.length > 1 ? ` +${texts.length - 1}` : '';
  return (
    <Tooltip title={texts.length > 1 || maxWidth ? texts.join(t('ledger.reasonSeparator')) : undefined}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap', maxWidth }} data-testid={testId} data-light={light}>
        <LightDot light={light} />
        <Typography.Text ellipsis style={{ color: light === 'red' ? lightColours.red : undefined, minWidth: 0 }}>
          {first}
        </Typography.Text>
        {more && <Typography.Text type="secondary">{more}</Typography.Text>}
      </span>
    </Tooltip>
  );
}
