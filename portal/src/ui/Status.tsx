import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.js';

/** A failed call as the user should read it: the server's message, or a general one. */
export function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      if (err.code === 'NETWORK') return t('errors.network');
      if (err.forbidden) return t('errors.forbiddenAction');
      return err.message;
    }
    return t('errors.unexpected');
  };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const text = useErrorText()(error);
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
