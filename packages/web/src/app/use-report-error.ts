// Turns API errors into translated messages; VALIDATION_FAILED details land on the form's fields.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { App, type FormInstance } from 'antd';
import { isApiError } from './api.ts';
import { formatDateTime } from './format.ts';
import { codedFieldErrors, validationFieldErrors } from './form-errors.ts';

function lockedUntil(details: unknown): string | null {
  if (details && typeof details === 'object' && 'lockedUntil' in details && typeof details.lockedUntil === 'string') {
    return details.lockedUntil;
  }
  return null;
}

export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (!isApiError(err)) return t('errors.UNKNOWN');
      if (err.code === 'ACCOUNT_LOCKED') {
        const until = lockedUntil(err.details);
        if (until) return t('login.locked', { time: formatDateTime(until, false) });
      }
      const base = i18n.exists(`errors.${err.code}`) ? t(`errors.${err.code}`) : err.message || t('errors.UNKNOWN');
      // PASSWORD_POLICY lists the broken rules as codes
      if (Array.isArray(err.details) && err.details.every((d) => typeof d === 'string')) {
        const rules = (err.details as string[]).map((c) => (i18n.exists(`password.problems.${c}`) ? t(`password.problems.${c}`) : c));
        if (rules.length) return `${base}: ${rules.join('; ')}`;
      }
      return base;
    },
    [t, i18n],
  );
}

/** Reports an error: field errors onto the form when given, and a message. Aborted requests are ignored. */
export function useReportError(): (err: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const text = useErrorText();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      let shown = text(err);
      const fields = validationFieldErrors(err);
      if (form && fields.length) form.setFields(fields);
      // a rule error that names its field (a code taken, a deadline before the assignment) marks that field too
      if (form && !fields.length) form.setFields(codedFieldErrors(err, shown));
      if (fields.length && !form) shown += ` (${fields.map((f) => `${f.name.join('.')}: ${f.errors.join(', ')}`).join('; ')})`;
      void message.error(shown);
    },
    [message, text],
  );
}
