import type { ReactNode } from 'react';
import { useSession } from '../auth/session.js';
import { NoAccessPage } from '../pages/StatusPages.js';

/** Screens for other roles answer "no access" instead of failing call by call. */
export function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const { hasRole } = useSession();
  return roles.includes('*') || hasRole(...roles) ? <>{children}</> : <NoAccessPage />;
}
