import { useTranslation } from 'react-i18next';
import { Alert, Modal, Typography } from 'antd';

/** Shows a secret the server answers only once (initial password, API token). */
export function OneTimeSecret(props: { open: boolean; title: string; hint: string; label: string; secret: string; testId: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={props.onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={props.hint} style={{ marginBottom: 16 }} />
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <Typography.Paragraph className="zo-mono" copyable={{ text: props.secret }} style={{ fontSize: 18, wordBreak: 'break-all', marginTop: 4 }}>
        <span data-testid={props.testId}>{props.secret}</span>
      </Typography.Paragraph>
    </Modal>
  );
}
