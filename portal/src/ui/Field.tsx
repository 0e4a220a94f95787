import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { translateDetail } from '../i18n/errors.js';
import type { Issue } from '../validation/rules.js';

/** The text of a validation issue in the current language. */
export function useIssueText() {
  const { t } = useTranslation();
  return (issue: Issue | string | undefined): string | undefined => {
    if (issue === undefined) return undefined;
    if (typeof issue === 'string') return issue;
    switch (issue.key) {
      case 'required':
        return t('validation.required');
      case 'tooLong':
        return t('validation.tooLong', { max: issue.max });
      case 'tooShort':
        return t('validation.tooShort', { min: issue.min });
      case 'tooFew':
        return t('validation.tooFew', { min: issue.min });
      case 'tooMany':
        return t('validation.tooMany', { max: issue.max });
      case 'pattern':
        return t('validation.pattern');
      case 'custom':
        return t(issue.message, issue.values ?? {});
      case 'detail':
        return translateDetail(issue.detail, t);
    }
  };
}

interface FieldProps {
  label: string;
  /** A translated message or a validation issue. */
  error?: Issue | string;
  hint?: ReactNode;
  required?: boolean;
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled control: the label, hint and error are tied to the control for assistive technology. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const text = useIssueText()(error);
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = text ? `${id}-error` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        'aria-invalid': text ? true : undefined,
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })
    : children;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {control}
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {text && (
        <span className="error" id={errId} role="alert">
          {text}
        </span>
      )}
    </div>
  );
}
