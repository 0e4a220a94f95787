import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, lazy, type ReactNode } from 'react';
import { Outlet, RouterProvider, createBrowserRouter } from 'react-router';
import { ApiError } from '../api/http.js';
import { SessionProvider } from '../auth/session.js';
import { Dashboard } from '../pages/Dashboard.js';
import { OnboardingPage } from '../pages/Onboarding.js';
import { NotFoundPage, RouteErrorPage, SignedOutPage } from '../pages/StatusPages.js';
import { Loading } from '../ui/Status.js';
import { ToastProvider } from '../ui/Toasts.js';
import { OnboardingGate } from './OnboardingGate.js';
import { CREDENTIAL_PARTNERS, POLICY_PARTNERS } from './nav.js';
import { RequireRole } from './RequireRole.js';
import { Shell } from './Shell.js';

// Each area of the portal is its own chunk, loaded on first visit.
const SbisPage = lazy(() => import('../pages/devices/SbisPage.js').then((m) => ({ default: m.SbisPage })));
const SbiViewPage = lazy(() => import('../pages/devices/SbiViewPage.js').then((m) => ({ default: m.SbiViewPage })));
const DevicesPage = lazy(() => import('../pages/devices/DevicesPage.js').then((m) => ({ default: m.DevicesPage })));
const FtmChipsPage = lazy(() => import('../pages/ftm/FtmChipsPage.js').then((m) => ({ default: m.FtmChipsPage })));
const AdminFtmChipsPage = lazy(() => import('../pages/ftm/AdminFtmChipsPage.js').then((m) => ({ default: m.AdminFtmChipsPage })));
const MispLicensesPage = lazy(() => import('../pages/misp/MispLicensesPage.js').then((m) => ({ default: m.MispLicensesPage })));
const ExpiringPage = lazy(() => import('../pages/admin/ExpiringPage.js').then((m) => ({ default: m.ExpiringPage })));
const AdminMispLicensesPage = lazy(() => import('../pages/misp/MispLicensesPage.js').then((m) => ({ default: m.AdminMispLicensesPage })));
const PartnerEditPage = lazy(() => import('../pages/partner/PartnerEditPage.js').then((m) => ({ default: m.PartnerEditPage })));
const ProfilePage = lazy(() => import('../pages/Profile.js').then((m) => ({ default: m.ProfilePage })));
const PartnerViewPage = lazy(() => import('../pages/admin/PartnerViewPage.js').then((m) => ({ default: m.PartnerViewPage })));
const PartnersPage = lazy(() => import('../pages/admin/PartnersPage.js').then((m) => ({ default: m.PartnersPage })));
const TrustStorePage = lazy(() => import('../pages/admin/TrustStorePage.js').then((m) => ({ default: m.TrustStorePage })));
const OidcClientFormPage = lazy(() => import('../pages/oidc/OidcClientFormPage.js').then((m) => ({ default: m.OidcClientFormPage })));
const OidcClientViewPage = lazy(() => import('../pages/oidc/OidcClientViewPage.js').then((m) => ({ default: m.OidcClientViewPage })));
const OidcClientsPage = lazy(() => import('../pages/oidc/OidcClientsPage.js').then((m) => ({ default: m.OidcClientsPage })));
const ApiKeysPage = lazy(() => import('../pages/partner/ApiKeysPage.js').then((m) => ({ default: m.ApiKeysPage })));
const CertificatesPage = lazy(() => import('../pages/partner/CertificatesPage.js').then((m) => ({ default: m.CertificatesPage })));
const CredentialsPage = lazy(() => import('../pages/partner/CredentialsPage.js').then((m) => ({ default: m.CredentialsPage })));
const PolicyRequestsPage = lazy(() => import('../pages/partner/PolicyRequestsPage.js').then((m) => ({ default: m.PolicyRequestsPage })));
const GroupFormPage = lazy(() => import('../pages/policy/GroupFormPage.js').then((m) => ({ default: m.GroupFormPage })));
const GroupViewPage = lazy(() => import('../pages/policy/GroupViewPage.js').then((m) => ({ default: m.GroupViewPage })));
const GroupsPage = lazy(() => import('../pages/policy/GroupsPage.js').then((m) => ({ default: m.GroupsPage })));
const PoliciesPage = lazy(() => import('../pages/policy/PoliciesPage.js').then((m) => ({ default: m.PoliciesPage })));
const PolicyFormPage = lazy(() => import('../pages/policy/PolicyFormPage.js').then((m) => ({ default: m.PolicyFormPage })));
const PolicyViewPage = lazy(() => import('../pages/policy/PolicyViewPage.js').then((m) => ({ default: m.PolicyViewPage })));

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

const PARTNER_ROLES = [
  'AUTH_PARTNER',
  'DEVICE_PROVIDER',
  'FTM_PROVIDER',
  'CREDENTIAL_PARTNER',
  'MISP_PARTNER',
  'ABIS_PARTNER',
  'MANUAL_ADJUDICATION',
  'SDK_PARTNER',
  'PRINT_PARTNER',
  'ONLINE_VERIFICATION_PARTNER',
  'PARTNER_ADMIN',
];
/** A screen for some roles, loaded on first visit (each area is its own chunk). */
const role = (roles: string[], element: ReactNode) => (
  <RequireRole roles={roles}>
    <Suspense fallback={<Loading />}>{element}</Suspense>
  </RequireRole>
);

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
            { path: 'profile', element: role(['*'], <ProfilePage />) },
            { path: 'profile/partners/:partnerId/edit', element: role(PARTNER_ROLES, <PartnerEditPage />) },
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
            { path: 'admin/sbis', element: role(['PARTNER_ADMIN'], <SbisPage admin />) },
            { path: 'admin/sbis/:sbiId', element: role(['PARTNER_ADMIN'], <SbiViewPage admin />) },
            { path: 'admin/devices', element: role(['PARTNER_ADMIN'], <DevicesPage />) },
            { path: 'admin/ftm-chips', element: role(['PARTNER_ADMIN'], <AdminFtmChipsPage />) },
            { path: 'admin/misp-licenses', element: role(['PARTNER_ADMIN'], <AdminMispLicensesPage />) },
            { path: 'admin/expiring', element: role(['PARTNER_ADMIN'], <ExpiringPage />) },
            { path: 'ftm-chips', element: role(['FTM_PROVIDER'], <FtmChipsPage />) },
            { path: 'misp-licenses', element: role(['MISP_PARTNER'], <MispLicensesPage />) },
            { path: 'sbis', element: role(['DEVICE_PROVIDER'], <SbisPage />) },
            { path: 'sbis/:sbiId', element: role(['DEVICE_PROVIDER'], <SbiViewPage />) },
            { path: 'policy-requests', element: role(POLICY_PARTNERS, <PolicyRequestsPage />) },
            { path: 'credentials', element: role(CREDENTIAL_PARTNERS, <CredentialsPage />) },
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
