import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.js';
import type { Issue } from '../../validation/rules.js';

/** The client's redirect URIs, one input each (1 to `max`), with each one's own refusal under it. */
export function RedirectUrisField({
  uris,
  onChange,
  max,
  issue,
  uriIssues,
}: {
  uris: string[];
  onChange: (uris: string[]) => void;
  max: number;
  /** The list's own issue (none given, too many). */
  issue: Issue | string | undefined;
  uriIssues: Record<number, string>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} aria-describedby="redirect-hint">
      <legend>
        {t('oidc.redirectUris')}
        <span className="req" aria-hidden="true">
          *
        </span>
      </legend>
      <span className="hint" id="redirect-hint">
        {t('oidc.redirectHint', { max })}
      </span>
      {issue && <span className="error">{typeof issue === 'string' ? issue : t('validation.required')}</span>}
      <div className="stack" style={{ gap: '0.5rem' }}>
        {uris.map((u, i) => (
          <div key={i}>
            <div className="row" style={{ flexWrap: 'nowrap' }}>
              <input
                type="url"
                value={u}
                onChange={(e) => onChange(uris.map((v, j) => (j === i ? e.target.value : v)))}
                aria-label={t('oidc.redirectUriN', { n: i + 1 })}
                aria-invalid={uriIssues[i] ? true : undefined}
                aria-describedby={uriIssues[i] ? `uri-err-${i}` : undefined}
                placeholder="https://"
              />
              <button
                type="button"
                className="btn btn-sm"
                disabled={uris.length <= 1}
                onClick={() => onChange(uris.filter((_, j) => j !== i))}
                aria-label={t('oidc.removeRedirect', { n: i + 1 })}
              >
                {t('oidc.remove')}
              </button>
            </div>
            {uriIssues[i] && (
              <span className="error field" id={`uri-err-${i}`} role="alert" style={{ color: 'var(--c-danger)', fontSize: '0.84rem' }}>
                {uriIssues[i]}
              </span>
            )}
          </div>
        ))}
      </div>
      <button
        type="button"
        className="btn btn-sm"
        style={{ alignSelf: 'flex-start' }}
        disabled={uris.length >= max}
        onClick={() => onChange([...uris, ''])}
      >
        <Icon name="plus" />
        {t('oidc.addRedirect')}
      </button>
    </fieldset>
  );
}
