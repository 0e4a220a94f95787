/**
 * The page the browser returns to after login or logout. MOSIP's portal sends it as
 * base64 (`btoa(location.href)`), in a path segment or a query parameter; only relative paths
 * and allow-listed origins pass, so the endpoints cannot be used to bounce users off-site.
 */

const MAX_TARGET = 2048;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Standard or URL-safe base64, padded or not; `+` turned into a space by query decoding is undone. */
export function decodeTarget(encoded: string | undefined): string | undefined {
  if (!encoded) return undefined;
  const text = encoded.replace(/ /g, '+');
  if (text.length > MAX_TARGET * 2 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  try {
    return utf8.decode(Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  } catch {
    return undefined;
  }
}

/**
 * The absolute URL to send the browser to, or undefined when the target is not allowed:
 * a relative path on this service, or an http(s) URL whose origin is on the allow-list.
 */
export function allowedTarget(target: string | undefined, publicUrl: string, allowedOrigins: readonly string[]): string | undefined {
  if (!target || target.length > MAX_TARGET) return undefined;
  // Control characters and backslashes are how browsers get tricked into reading "/\evil" as "//evil".
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return undefined;
  let url: URL;
  try {
    if (target.startsWith('/') && !target.startsWith('//')) {
      url = new URL(target, publicUrl);
      return url.origin === new URL(publicUrl).origin ? url.href : undefined;
    }
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return allowedOrigins.includes(url.origin) ? url.href : undefined;
}
