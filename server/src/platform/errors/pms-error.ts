import { catalogue, type ErrorCode } from './catalogue.js';

export function formatMessage(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%[sd]/g, () => (i < args.length ? String(args[i++]) : ''));
}

/** A business error: answered in MOSIP's envelope with HTTP 200 unless `status` says otherwise. */
export class PmsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 200,
  ) {
    super(message);
    this.name = 'PmsError';
  }

  static of(code: ErrorCode, ...args: unknown[]): PmsError {
    return new PmsError(code, formatMessage(catalogue[code], args));
  }

  /** Same code, a non-200 HTTP status (authentication, framework-level rejections). */
  static http(status: number, code: ErrorCode, ...args: unknown[]): PmsError {
    return new PmsError(code, formatMessage(catalogue[code], args), status);
  }
}
