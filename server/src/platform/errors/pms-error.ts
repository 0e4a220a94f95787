import { catalogue, variants, type ErrorCode, type ErrorVariant, type RelayedCode } from './catalogue.js';

export function formatMessage(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%[sd]/g, () => (i < args.length ? String(args[i++]) : ''));
}

/** A business error: answered in MOSIP's envelope with HTTP 200 unless `status` says otherwise. */
export class PmsError extends Error {
  // Private: every error is made from the catalogue (`of`, `http`, `variant`, `detailed`) or
  // relayed from eSignet (`relayed`), so no code or text can be written anywhere else.
  private constructor(
    readonly code: ErrorCode | RelayedCode,
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

  /** One of the named texts MOSIP gives a code in a particular place (`variants`). */
  static variant(name: ErrorVariant, ...args: unknown[]): PmsError {
    const { code, text } = variants[name];
    return new PmsError(code, formatMessage(text, args));
  }

  /** The same, with a non-200 HTTP status. */
  static httpVariant(status: number, name: ErrorVariant, ...args: unknown[]): PmsError {
    const { code, text } = variants[name];
    return new PmsError(code, formatMessage(text, args), status);
  }

  /** MOSIP's text for the code, followed by what exactly was wrong (MOSIP gives only the text). */
  static detailed(code: ErrorCode, detail?: string): PmsError {
    return new PmsError(code, detail ? `${catalogue[code]} (${detail})` : catalogue[code]);
  }

  /** A code and text chosen by eSignet, passed through unchanged. */
  static relayed(code: string, message: string): PmsError {
    return new PmsError(code as RelayedCode, message);
  }
}
