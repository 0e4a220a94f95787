import { ApiError, fieldOfError } from '../api/http.js';
import { describeFieldError, type ErrorContext } from '../i18n/errors.js';
import i18n from '../i18n/index.js';

/**
 * Which form field a server error concerns: PMS_COR_001 names it in the message; other codes
 * are mapped per form. Undefined means the error belongs to the whole form.
 */
export function fieldOfServerError<F extends string>(
  err: unknown,
  fields: readonly F[],
  byCode: Partial<Record<string, F>> = {},
  context?: ErrorContext,
): { field: F; message: string } | undefined {
  if (!(err instanceof ApiError) || !err.errors[0]) return undefined;
  const message = describeFieldError(err, i18n.t.bind(i18n), context);
  const mapped = byCode[err.code];
  if (mapped) return { field: mapped, message };
  const named = fieldOfError(err.errors[0]);
  if (named && (fields as readonly string[]).includes(named.field)) return { field: named.field as F, message };
  return undefined;
}
