import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Outlet, RouterProvider, createBrowserRouter } from 'react-router';
import { ApiError } from '../api/http.js';
import { SessionProvider } from '../auth/session.js';
import { Dashboard } from '../pages/Dashboard.js';
import { OnboardingPage } from '../pages/Onboarding.js';
import { ProfilePage } from '../pages/Profile.js';
import { NotFoundPage, RouteErrorPage, SignedOutPage } from '../pages/StatusPages.js';
import { PartnerViewPage } from '../pages/admin/PartnerViewPage.js';
import { PartnersPage } from '../pages/admin/PartnersPage.js';
import { TrustStorePage } from '../pages/admin/TrustStorePage.js';
import { OidcClientFormPage } from '../pages/oidc/OidcClientFormPage.js';
import { OidcClientViewPage } from '../pages/oidc/OidcClientViewPage.js';
import { OidcClientsPage } from '../pages/oidc/OidcClientsPage.js';
import { ApiKeysPage } from '../pages/partner/ApiKeysPage.js';
import { CertificatesPage } from '../pages/partner/CertificatesPage.js';
import { PolicyRequestsPage } from '../pages/partner/PolicyRequestsPage.js';
import { GroupFormPage } from '../pages/policy/GroupFormPage.js';
import { GroupViewPage } from '../pages/policy/GroupViewPage.js';
import { GroupsPage } from '../pages/policy/GroupsPage.js';
import { PoliciesPage } from '../pages/policy/PoliciesPage.js';
import { PolicyFormPage } from '../pages/policy/PolicyFormPage.js';
import { PolicyViewPage } from '../pages/policy/PolicyViewPage.js';
import { ToastProvider } from '../ui/Toasts.js';
import { OnboardingGate } from './OnboardingGate.js';
import { POLICY_PARTNERS } from './nav.js';
import { RequireRole } from './RequireRole.js';
import { Shell } from './Shell.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A refused or unknown request will not succeed on a retry; a network blip might.
      retry: (count, err) => count < 2 && err instanceof ApiError && err.code === 'NETWORK',
    },
  },
});

const PARTNER_ROLES = ['AUTH_PARTNER', 'DEVICE_PROVIDER', 'FTM_PROVIDER', 'CREDENTIAL_PARTNER', 'MISP_PARTNER', 'ABIS_PARTNER', 'MANUAL_ADJUDICATION', 'SDK_PARTNER', 'PRINT_PARTNER', 'ONLINE_VERIFICATION_PARTNER', 'PARTNER_ADMIN'];
const role = (roles: string[], element: React.ReactNode) => <RequireRole roles={roles}>{element}</RequireRole>;

/** Signed-in area: the session, then the first-login gate, then the page. */
function Authenticated() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

const router = createBrowserRouter(
  [
    { path: '/signed-out', element: <SignedOutPage /> },
    { path: '/session-expired', element: <SignedOutPage expired /> },
    {
      element: <Authenticated />,
      errorElement: <RouteErrorPage />,
      children: [
        { path: '/onboarding', element: <OnboardingPage /> },
        {
          element: (
            <OnboardingGate>
              <Shell />
            </OnboardingGate>
          ),
          errorElement: <RouteErrorPage />,
          children: [
            { index: true, element: <Dashboard /> },
            { path: 'profile', element: <ProfilePage /> },
            { path: 'certificates', element: role(PARTNER_ROLES, <CertificatesPage />) },
            { path: 'policy-groups', element: role(['POLICYMANAGER'], <GroupsPage />) },
            { path: 'policy-groups/new', element: role(['POLICYMANAGER'], <GroupFormPage />) },
            { path: 'policy-groups/:id', element: role(['POLICYMANAGER'], <GroupViewPage />) },
            { path: 'policy-groups/:id/edit', element: role(['POLICYMANAGER'], <GroupFormPage />) },
            { path: 'policies/view/:id', element: role(['POLICYMANAGER'], <PolicyViewPage />) },
            { path: 'policies/edit/:id', element: role(['POLICYMANAGER'], <PolicyFormPage />) },
            { path: 'policies/:kind', element: role(['POLICYMANAGER'], <PoliciesPage />) },
            { path: 'policies/:kind/new', element: role(['POLICYMANAGER'], <PolicyFormPage />) },
            { path: 'admin/partners', element: role(['PARTNER_ADMIN'], <PartnersPage />) },
            { path: 'admin/partners/:id', element: role(['PARTNER_ADMIN'], <PartnerViewPage />) },
            { path: 'admin/trust-store', element: role(['PARTNER_ADMIN'], <TrustStorePage />) },
            { path: 'admin/policy-requests', element: role(['PARTNER_ADMIN'], <PolicyRequestsPage admin />) },
            { path: 'admin/api-keys', element: role(['PARTNER_ADMIN'], <ApiKeysPage admin />) },
            { path: 'admin/oidc-clients', element: role(['PARTNER_ADMIN'], <OidcClientsPage admin />) },
            { path: 'admin/oidc-clients/:id', element: role(['PARTNER_ADMIN'], <OidcClientViewPage admin />) },
            { path: 'policy-requests', element: role(POLICY_PARTNERS, <PolicyRequestsPage />) },
            { path: 'api-keys', element: role(['AUTH_PARTNER'], <ApiKeysPage />) },
            { path: 'oidc-clients', element: role(['AUTH_PARTNER'], <OidcClientsPage />) },
            { path: 'oidc-clients/new', element: role(['AUTH_PARTNER'], <OidcClientFormPage />) },
            { path: 'oidc-clients/:id', element: role(['AUTH_PARTNER'], <OidcClientViewPage />) },
            { path: 'oidc-clients/:id/edit', element: role(['AUTH_PARTNER'], <OidcClientFormPage />) },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ],
  { basename: '/pmp' },
);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
