/**
 * The embedded provider's pages: plain server-rendered HTML, no scripts, no external
 * resources, usable with a keyboard and a screen reader (labels, a live error region).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Headers for every page: never cached, never framed (clickjacking the login form). */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1b1f24;margin:0}
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1.2rem}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
input{width:100%;box-sizing:border-box;padding:.55rem;font-size:1rem;border:1px solid #6b7480;border-radius:4px}
input:focus,button:focus{outline:3px solid #1a5fb4;outline-offset:1px}
button{margin-top:1.5rem;width:100%;padding:.65rem;font-size:1rem;font-weight:600;color:#fff;background:#1a5fb4;border:0;border-radius:4px;cursor:pointer}
.error{color:#a51d2d;background:#fdecee;border-left:4px solid #a51d2d;padding:.6rem;margin:0 0 1rem}
.hint{color:#4a525c;font-size:.9rem}`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function loginPage(opts: { action: string; abort: string; username?: string; error?: string }): string {
  const error = opts.error
    ? `<p class="error" id="login-error" role="alert">${esc(opts.error)}</p>`
    : '<div id="login-error" role="alert"></div>';
  const described = opts.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return page(
    'Sign in – Partner Management',
    `<h1>Sign in to Partner Management</h1>
${error}
<form method="post" action="${esc(opts.action)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${esc(opts.username ?? '')}"${described}${opts.username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}${opts.username ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<p class="hint"><a href="${esc(opts.abort)}">Cancel</a></p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${esc(title)}</h1>\n<p>${esc(message)}</p>`);
}

/** oidc-provider's end-session confirmation: its form (with its CSRF token) plus our buttons. */
export function logoutPage(form: string): string {
  return page(
    'Sign out – Partner Management',
    `<h1>Sign out of Partner Management?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}
