import { PARTNER_BASE } from '../platform/http/app.js';

/** Where the identity provider sends the browser back after sign-in and after sign-out. */
export const LOGIN_CALLBACK_PATH = `${PARTNER_BASE}/login-redirect`;
export const LOGOUT_CALLBACK_PATH = `${PARTNER_BASE}/logout/done`;
