/**
 * What a redirect URI and a logo URI must look like, as eSignet and MOSIP's bean checks see them,
 * held to what a browser can use safely. The server refuses with these reasons under eSignet's
 * codes; the OIDC client form shows the same reasons before anything is sent.
 */

export const MAX_URI = 2048;

/** Schemes a redirect must never use, whatever else it looks like. */
const FORBIDDEN_SCHEMES = new Set([
  'javascript',
  'data',
  'vbscript',
  'file',
  'about',
  'blob',
  'filesystem',
  'ftp',
  'ws',
  'wss',
  'mailto',
  'jar',
]);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseAbsolute(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Why a redirect URI is refused, or undefined when it is fine. */
export function redirectUriProblem(value: string): string | undefined {
  if (value.trim() === '') return 'must not be blank';
  if (value.length > MAX_URI) return `longer than ${MAX_URI} characters`;
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'contains spaces or control characters';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (!scheme) return 'must be an absolute URI with a scheme and a host';
  const url = parseAbsolute(value);
  if (!url) return 'is not a valid URI';
  if (value.includes('#')) return 'must not contain a fragment';
  if (FORBIDDEN_SCHEMES.has(scheme)) return `the ${scheme}: scheme is not allowed`;
  if (url.host === '') return 'must name a host';
  if (url.username || url.password) return 'must not carry user information';
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(url.hostname)) return 'http is allowed only for loopback hosts; use https';
  // Anything else is https, http on loopback, or a native app's private scheme (RFC 8252).
  return undefined;
}

/**
 * The logo URL as MOSIP's `@URL` bean check sees it, held to what a browser can show safely:
 * absolute http(s), no spaces, no fragment. Refused as PMS_COR_001 on `request.logoUri`.
 */
export function logoUriProblem(value: string): string | undefined {
  if (value.length > MAX_URI) return `size must be between 0 and ${MAX_URI}`;
  if (/[\s\u0000-\u001f\u007f]/.test(value) || value.includes('#')) return 'must be a valid URL';
  const url = parseAbsolute(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.host === '' || !/^https?:\/\//i.test(value))
    return 'must be a valid URL';
  return undefined;
}
