import { useTranslation } from 'react-i18next';
import { Col, Row, Tag, Typography } from 'antd';
import { changedKeys, prettyJson, splitDiff } from './audit-diff.ts';

/** The expandable row of an audit entry: before / after side by side, changed keys tagged. */
export function DiffView({ diff }: { diff: unknown }) {
  const { t } = useTranslation();
  const sides = splitDiff(diff);
  if (!sides) return <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>;
  const twoSided = sides.before !== undefined || sides.after !== undefined;
  const changed = twoSided ? changedKeys(sides.before, sides.after) : [];
  return (
    <div data-testid="audit-diff">
      {changed.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          {changed.map((k) => (
            <Tag key={k} color="orange">
              {k}
            </Tag>
          ))}
        </div>
      )}
      {twoSided && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Typography.Text strong>{t('audit.before')}</Typography.Text>
            <pre className="zo-json">{prettyJson(sides.before ?? null)}</pre>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text strong>{t('audit.after')}</Typography.Text>
            <pre className="zo-json">{prettyJson(sides.after ?? null)}</pre>
          </Col>
        </Row>
      )}
      {sides.rest !== undefined && (
        <pre className="zo-json" style={{ marginTop: twoSided ? 8 : 0 }}>
          {prettyJson(sides.rest)}
        </pre>
      )}
    </div>
  );
}
