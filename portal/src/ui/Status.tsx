import { useTranslation } from 'react-i18next';
import { describeError, type ErrorContext } from '../i18n/errors.js';

/** A failed call as the user should read it: what to do, in their language, and the server's code. */
export function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown, context?: ErrorContext): string => describeError(err, t, context);
}

export function ErrorAlert({ error, context }: { error: unknown; context?: ErrorContext }) {
  const text = useErrorText()(error, context);
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      {t('common.loading')}
    </div>
  );
}
