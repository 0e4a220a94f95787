import { useTranslation } from 'react-i18next';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { redirectToLogin } from '../auth/session.js';
import { loginUrl } from '../auth/urls.js';
import i18n from '../i18n/index.js';
import { useDocumentTitle } from '../ui/PageHeader.js';
import { LanguageSelect } from '../app/LanguageSelect.js';
import { useErrorText } from '../ui/Status.js';

function Centered({ code, title, text, children }: { code?: string; title: string; text: string; children?: React.ReactNode }) {
  useDocumentTitle(title);
  return (
    <main className="centered">
      <div className="card status-page">
        {code && (
          <div className="code" aria-hidden="true">
            {code}
          </div>
        )}
        <h1>{title}</h1>
        <p className="muted">{text}</p>
        <div className="row" style={{ justifyContent: 'center' }}>
          {children}
        </div>
      </div>
    </main>
  );
}

export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <main className="centered" aria-busy="true">
      <p role="status" className="muted">
        {t('common.loading')}
      </p>
    </main>
  );
}

export function FullPageError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text = useErrorText()(error);
  return (
    <Centered code="!" title={t('errors.somethingWrong')} text={text}>
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
        {t('errors.retry')}
      </button>
    </Centered>
  );
}

/** Public pages shown after logout and after the idle timeout; they never start a login by themselves. */
export function SignedOutPage({ expired }: { expired?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <div style={{ position: 'absolute', insetInlineEnd: '1rem', top: '1rem' }}>
        <LanguageSelect />
      </div>
      <Centered
        title={expired ? t('errors.expiredTitle') : t('errors.signedOutTitle')}
        text={expired ? t('errors.expiredText') : t('errors.signedOutText')}
      >
        <a className="btn btn-primary" href={loginUrl('/pmp/', i18n.language)}>
          {t('shell.login')}
        </a>
      </Centered>
    </>
  );
}

export function NoAccessPage() {
  const { t } = useTranslation();
  return (
    <Centered code="403" title={t('errors.noAccessTitle')} text={t('errors.noAccessText')}>
      <Link className="btn btn-primary" to="/">
        {t('errors.home')}
      </Link>
    </Centered>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Centered code="404" title={t('errors.notFoundTitle')} text={t('errors.notFoundText')}>
      <Link className="btn btn-primary" to="/">
        {t('errors.home')}
      </Link>
    </Centered>
  );
}

/** The router's error element: a render error or a failed lazy load. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const err = useRouteError();
  if (isRouteErrorResponse(err) && err.status === 404) return <NotFoundPage />;
  return (
    <Centered code="!" title={t('errors.somethingWrong')} text={t('errors.unexpected')}>
      <button type="button" className="btn" onClick={() => redirectToLogin()}>
        {t('shell.login')}
      </button>
      <a className="btn btn-primary" href="/pmp/">
        {t('errors.home')}
      </a>
    </Centered>
  );
}
