import { createHash } from 'node:crypto';

/**
 * The embedded provider's pages: server-rendered HTML, no external resources, usable with a
 * keyboard and a screen reader (labels, a live error region), in the portal's look and in the
 * user's language (English, French, Arabic right to left). The language comes from the sign-in
 * request (`ui_locales`, which the portal sends), a `lang` the user picked on the page, or the
 * browser's Accept-Language.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The one script any page runs: it confirms a sign-out the portal asked for with the session's
 * ID token (see logoutPage). Allowed by its hash, so no other inline script can run.
 */
const AUTO_LOGOUT_SCRIPT = "document.getElementById('op.logoutForm').submit();";
const AUTO_LOGOUT_HASH = createHash('sha256').update(AUTO_LOGOUT_SCRIPT).digest('base64');

/** Headers for every page: never cached, never framed (clickjacking the login form). */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${AUTO_LOGOUT_HASH}'; frame-ancestors 'none'`,
  'referrer-policy': 'no-referrer',
};

export type PageLanguage = 'en' | 'fr' | 'ar';
export const PAGE_LANGUAGES: readonly PageLanguage[] = ['en', 'fr', 'ar'];
const NAMES: Record<PageLanguage, string> = { en: 'English', fr: 'Français', ar: 'العربية' };

const TEXT = {
  en: {
    app: 'Partner Management Portal',
    tagline: 'Partners, policies and trust',
    signInTitle: 'Sign in',
    signInIntro: 'Use the account your administrator gave you.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    cancel: 'Cancel',
    language: 'Language',
    badCredentials: 'The username or password is incorrect.',
    lockedOne: 'Too many failed sign-ins. Try again in 1 minute.',
    lockedMany: 'Too many failed sign-ins. Try again in {n} minutes.',
    signOutTitle: 'Sign out of Partner Management?',
    signOut: 'Sign out',
    stay: 'Stay signed in',
    signingOut: 'Signing you out…',
    signedOutTitle: 'Signed out',
    signedOut: 'You have signed out of Partner Management.',
    problemTitle: 'Sign-in problem',
    expiredTitle: 'Sign-in expired',
    expired: 'This sign-in page has expired. Go back to the application and sign in again.',
  },
  fr: {
    app: 'Portail de gestion des partenaires',
    tagline: 'Partenaires, politiques et confiance',
    signInTitle: 'Connexion',
    signInIntro: 'Utilisez le compte que votre administrateur vous a remis.',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    signIn: 'Se connecter',
    cancel: 'Annuler',
    language: 'Langue',
    badCredentials: "Le nom d'utilisateur ou le mot de passe est incorrect.",
    lockedOne: 'Trop de connexions échouées. Réessayez dans 1 minute.',
    lockedMany: 'Trop de connexions échouées. Réessayez dans {n} minutes.',
    signOutTitle: 'Se déconnecter de la gestion des partenaires ?',
    signOut: 'Se déconnecter',
    stay: 'Rester connecté',
    signingOut: 'Déconnexion en cours…',
    signedOutTitle: 'Déconnecté',
    signedOut: 'Vous êtes déconnecté de la gestion des partenaires.',
    problemTitle: 'Problème de connexion',
    expiredTitle: 'Connexion expirée',
    expired: "Cette page de connexion a expiré. Revenez à l'application et reconnectez-vous.",
  },
  ar: {
    app: 'بوابة إدارة الشركاء',
    tagline: 'الشركاء والسياسات والثقة',
    signInTitle: 'تسجيل الدخول',
    signInIntro: 'استخدم الحساب الذي أعطاك إياه المسؤول.',
    username: 'اسم المستخدم',
    password: 'كلمة المرور',
    signIn: 'تسجيل الدخول',
    cancel: 'إلغاء',
    language: 'اللغة',
    badCredentials: 'اسم المستخدم أو كلمة المرور غير صحيحة.',
    lockedOne: 'محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد دقيقة واحدة.',
    lockedMany: 'محاولات تسجيل دخول فاشلة كثيرة. حاول مرة أخرى بعد {n} دقيقة.',
    signOutTitle: 'تسجيل الخروج من إدارة الشركاء؟',
    signOut: 'تسجيل الخروج',
    stay: 'البقاء متصلاً',
    signingOut: 'جارٍ تسجيل خروجك…',
    signedOutTitle: 'تم تسجيل الخروج',
    signedOut: 'لقد سجّلت الخروج من إدارة الشركاء.',
    problemTitle: 'مشكلة في تسجيل الدخول',
    expiredTitle: 'انتهت صلاحية تسجيل الدخول',
    expired: 'انتهت صلاحية صفحة تسجيل الدخول هذه. عد إلى التطبيق وسجّل الدخول مرة أخرى.',
  },
} satisfies Record<PageLanguage, Record<string, string>>;
export type PageText = (typeof TEXT)['en'];

/** The lockout message in the page's language, for a wait of `minutes` (at least 1). */
export const lockedOutText = (lang: PageLanguage, minutes: number): string =>
  minutes <= 1 ? TEXT[lang].lockedOne : TEXT[lang].lockedMany.replace('{n}', String(minutes));

/** The first language of a list (`ui_locales` "ar fr", Accept-Language "fr-FR,fr;q=0.9") the pages speak. */
function firstKnown(list: string | undefined): PageLanguage | undefined {
  for (const item of (list ?? '').split(/[\s,]+/)) {
    const code = item.split(';')[0]!.trim().toLowerCase().slice(0, 3);
    const two = code === 'ara' ? 'ar' : code === 'fra' || code === 'fre' ? 'fr' : code === 'eng' ? 'en' : code.slice(0, 2);
    if ((PAGE_LANGUAGES as readonly string[]).includes(two)) return two as PageLanguage;
  }
  return undefined;
}

/** The page language: the user's pick on the page, then the sign-in request's, then the browser's. */
export function pickLanguage(picked: unknown, uiLocales: unknown, acceptLanguage: string | undefined): PageLanguage {
  return (
    firstKnown(typeof picked === 'string' ? picked : undefined) ??
    firstKnown(typeof uiLocales === 'string' ? uiLocales : undefined) ??
    firstKnown(acceptLanguage) ??
    'en'
  );
}

export const textOf = (lang: PageLanguage): PageText => TEXT[lang];

/** The portal's colours and type; the focus ring is solid (WCAG 2.4.7, 1.4.11). */
const STYLE = `
:root{font-family:'Inter','Segoe UI',system-ui,-apple-system,'Noto Sans','Noto Sans Arabic',Arial,sans-serif;color:#1b2333;background:#f4f6fa;line-height:1.5}
body{margin:0}
header{display:flex;align-items:center;gap:.6rem;padding:.8rem 1.25rem;background:#fff;border-bottom:1px solid #dfe3ea}
header svg{width:30px;height:30px;flex:none}
header strong{display:block;font-size:1rem}
header small{display:block;color:#5b6578;font-size:.75rem}
header nav{margin-inline-start:auto;font-size:.9rem}
header nav a{margin-inline-start:.6rem;color:#1d4ed8}
header nav a[aria-current]{color:#1b2333;font-weight:600;text-decoration:none}
main{max-width:24rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:10px;border:1px solid #dfe3ea;box-shadow:0 1px 3px rgba(16,24,40,.08)}
h1{font-size:1.4rem;margin:0 0 .4rem}
p.intro{color:#5b6578;margin:0 0 1rem}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
input{width:100%;box-sizing:border-box;padding:.55rem .65rem;font-size:1rem;border:1px solid #6b7480;border-radius:6px;direction:ltr;text-align:start}
input:focus-visible,button:focus-visible,a:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.65rem;font-size:1rem;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:6px;cursor:pointer}
button.secondary{background:#fff;color:#1d4ed8;border:1px solid #1d4ed8;margin-top:.75rem}
.error{color:#a51d2d;background:#fdecea;border-inline-start:4px solid #b42318;padding:.6rem;margin:0 0 1rem}
.hint{color:#4a525c;font-size:.9rem;margin-top:1rem}
a{color:#1d4ed8}
@media (max-width:480px){main{margin:1rem;padding:1.25rem}header{flex-wrap:wrap}}`;

const MARK = `<svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#1d4ed8"/><path d="M9 23V9h7.5a4.5 4.5 0 0 1 0 9H13v5z" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/></svg>`;

/** Links to the same page in each language, when the page can be shown again (the sign-in form). */
function languageLinks(lang: PageLanguage, hrefOf: ((l: PageLanguage) => string) | undefined): string {
  if (!hrefOf) return '';
  const links = PAGE_LANGUAGES.map(
    (l) => `<a href="${esc(hrefOf(l))}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="true"' : ''}>${esc(NAMES[l])}</a>`,
  ).join('');
  return `<nav aria-label="${esc(TEXT[lang].language)}">${links}</nav>`;
}

export function page(
  lang: PageLanguage,
  title: string,
  body: string,
  opts: { languages?: (l: PageLanguage) => string; head?: string } = {},
): string {
  const t = TEXT[lang];
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – ${esc(t.app)}</title>
<style>${STYLE}</style>${opts.head ?? ''}
</head>
<body>
<header>${MARK}<span><strong>${esc(t.app)}</strong><small>${esc(t.tagline)}</small></span>${languageLinks(lang, opts.languages)}</header>
<main>
${body}
</main>
</body>
</html>`;
}

export function loginPage(opts: {
  lang: PageLanguage;
  action: string;
  abort: string;
  self: string;
  username?: string;
  error?: string;
}): string {
  const t = TEXT[opts.lang];
  const error = opts.error
    ? `<p class="error" id="login-error" role="alert">${esc(opts.error)}</p>`
    : '<div id="login-error" role="alert"></div>';
  const described = opts.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return page(
    opts.lang,
    t.signInTitle,
    `<h1>${esc(t.signInTitle)}</h1>
<p class="intro">${esc(t.signInIntro)}</p>
${error}
<form method="post" action="${esc(opts.action)}">
<input type="hidden" name="lang" value="${opts.lang}">
<label for="username">${esc(t.username)}</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${esc(opts.username ?? '')}"${described}${opts.username ? '' : ' autofocus'}>
<label for="password">${esc(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}${opts.username ? ' autofocus' : ''}>
<button type="submit">${esc(t.signIn)}</button>
</form>
<p class="hint"><a href="${esc(opts.abort)}">${esc(t.cancel)}</a></p>`,
    { languages: (l) => `${opts.self}?lang=${l}` },
  );
}

export function messagePage(lang: PageLanguage, title: keyof PageText, message: string): string {
  const t = TEXT[lang];
  return page(lang, t[title], `<h1>${esc(t[title])}</h1>\n<p>${esc(message)}</p>`);
}

/**
 * oidc-provider's end-session step: its form (with its CSRF token) plus our buttons. When the
 * request carried the session's ID token (`id_token_hint`, which oidc-provider has checked),
 * the user already chose to sign out in the portal: the form confirms itself, as Keycloak does
 * with a hint, and the buttons remain for a browser without scripts.
 */
export function logoutPage(lang: PageLanguage, form: string, hinted: boolean): string {
  const t = TEXT[lang];
  const confirmed = hinted ? form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>') : form;
  return page(
    lang,
    t.signOut,
    `<h1>${esc(hinted ? t.signingOut : t.signOutTitle)}</h1>
${confirmed}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${esc(t.signOut)}</button>
${hinted ? '' : `<button type="submit" form="op.logoutForm" class="secondary">${esc(t.stay)}</button>`}
${hinted ? `<script>${AUTO_LOGOUT_SCRIPT}</script>` : ''}`,
  );
}
