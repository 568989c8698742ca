// The form of a modal dialog: reset when it opens, OK validates and submits, the OK button spins while the request runs,
// and what the request throws is reported (VALIDATION_FAILED details onto the form's fields).
import { useEffect, useState } from 'react';
import { Form, type FormInstance } from 'antd';
import { useReportError } from './use-report-error.ts';

export interface ModalFormOptions<Values> {
  open: boolean;
  /**
   * The values the form is reset to each time the modal opens, and again when they change while it is open (keep them memoised).
   * Without them the form keeps what was typed; `onSubmit` may reset it.
   */
  initial?: Values;
  /** Called with the validated values; a rejection is reported and leaves the modal open. */
  onSubmit: (values: Values, form: FormInstance<Values>) => Promise<void>;
}

/** Spread onto the `<Modal>`. */
export interface ModalFormProps {
  open: boolean;
  onOk: () => void;
  confirmLoading: boolean;
  destroyOnHidden: boolean;
}

export function useModalForm<Values>({ open, initial, onSubmit }: ModalFormOptions<Values>): { form: FormInstance<Values>; modalProps: ModalFormProps } {
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open && initial) {
      form.resetFields();
      form.setFieldsValue(initial);
    }
  }, [open, form, initial]);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(values, form);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return {
    form,
    // a failed validation rejects; the form already shows why
    modalProps: { open, onOk: () => void submit().catch(() => undefined), confirmLoading: busy, destroyOnHidden: true },
  };
}
