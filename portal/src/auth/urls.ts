/** base64url of UTF-8 text, as the server's /login/{target} expects. */
export function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  bytes.forEach((b) => (bin += String.fromCharCode(b)));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `&ui_locales=…`: the identity provider's pages speak the portal's language. */
const locales = (lang: string | undefined) => (lang ? `ui_locales=${encodeURIComponent(lang)}` : '');

/** Where to send the browser to sign in and come back to `returnTo`. */
export const loginUrl = (returnTo: string, lang?: string) =>
  `/v1/partnermanager/login/${base64url(returnTo)}${lang ? `?${locales(lang)}` : ''}`;

/** Signs out at the server and the identity provider, then lands on `returnTo` (base64, as MOSIP's portal sends it). */
export const logoutUrl = (returnTo: string, lang?: string) =>
  `/v1/partnermanager/logout/user?redirecturi=${encodeURIComponent(btoa(returnTo))}${lang ? `&${locales(lang)}` : ''}`;

/** A portal page as a path on this origin: the server accepts relative targets for login and logout. */
export const portalUrl = (path: string) => `/pmp${path}`;
