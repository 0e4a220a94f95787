import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { key } from '../api/queries.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError, call, onUnauthenticated } from '../api/http.js';
import type { Identity, SystemConfig } from '../api/types.js';
import i18n from '../i18n/index.js';
import { FullPageError, FullPageLoading } from '../pages/StatusPages.js';
import { parseRoles } from './roles.js';
import { loginUrl, logoutUrl, portalUrl } from './urls.js';

export interface Session {
  identity: Identity;
  roles: string[];
  config: SystemConfig;
  hasRole: (...roles: string[]) => boolean;
  logout: (after?: string) => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Leaves for the identity provider's login page; the server brings the browser back here. */
export function redirectToLogin() {
  window.location.assign(loginUrl(window.location.pathname + window.location.search, i18n.language));
}

/**
 * Who is signed in (validateToken) and the portal settings (system-config). Without a session
 * the browser goes to the login flow; the cookie is HttpOnly, so the server is the only judge.
 */
/** The server's readable marker of a session cookie (the token itself is HttpOnly). */
const hasSessionCookie = () => document.cookie.split(';').some((c) => c.trim().startsWith('pms_signed_in='));

export function SessionProvider({ children }: { children: ReactNode }) {
  // No session cookie at all: sign in straight away rather than collect a 401 first.
  const signedOut = !hasSessionCookie();
  useEffect(() => {
    if (signedOut) redirectToLogin();
  }, [signedOut]);
  const identity = useQuery({
    queryKey: key('identity'),
    queryFn: () => call<Identity>(endpoints.validateToken),
    retry: false,
    staleTime: Infinity,
    enabled: !signedOut,
  });
  const config = useQuery({
    queryKey: key('system-config'),
    queryFn: () => call<SystemConfig>(endpoints.systemConfig),
    retry: false,
    staleTime: Infinity,
    enabled: identity.isSuccess,
  });
  const unauthenticated = identity.error instanceof ApiError && identity.error.unauthenticated;

  useEffect(() => {
    if (unauthenticated) redirectToLogin();
  }, [unauthenticated]);
  // Once signed in, a call that finds the session gone (cookie expired) means it timed out.
  const signedIn = identity.isSuccess;
  useEffect(() => (signedIn ? onUnauthenticated(() => window.location.assign('/pmp/session-expired')) : undefined), [signedIn]);

  const session = useMemo<Session | null>(() => {
    if (!identity.data || !config.data) return null;
    const roles = parseRoles(identity.data.role);
    return {
      identity: identity.data,
      roles,
      config: config.data,
      hasRole: (...wanted) => wanted.some((r) => roles.includes(r)),
      logout: (after = '/signed-out') => window.location.assign(logoutUrl(portalUrl(after), i18n.language)),
    };
  }, [identity.data, config.data]);

  if (unauthenticated || signedOut) return <FullPageLoading />;
  if (identity.error || config.error) return <FullPageError error={identity.error ?? config.error} />;
  if (!session) return <FullPageLoading />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
