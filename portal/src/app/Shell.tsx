import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { IdleWatcher } from '../auth/IdleWatcher.js';
import { useSession } from '../auth/session.js';
import { Icon } from '../ui/icons.js';
import { LanguageSelect } from './LanguageSelect.js';
import { visibleNav, type NavItem } from './nav.js';

const SECTIONS: Array<NavItem['section']> = ['main', 'partner', 'auth', 'policy', 'admin'];

export function Shell() {
  const { t } = useTranslation();
  const { identity, roles, logout } = useSession();
  const items = visibleNav(roles);
  const name = identity.userId;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#1d4ed8" />
            <path d="M9 23V9h7.5a4.5 4.5 0 0 1 0 9H13v5z" fill="none" stroke="#fff" strokeWidth="3" strokeLinejoin="round" />
          </svg>
          <span>
            {t('app.name')}
            <small>{t('app.tagline')}</small>
          </span>
        </Link>
        <LanguageSelect />
        <div className="user-menu">
          <Link to="/profile" className="row" style={{ textDecoration: 'none', color: 'inherit' }} aria-label={t('nav.profile')}>
            <span className="avatar" aria-hidden="true">
              {name.slice(0, 2)}
            </span>
            <span data-testid="user-name">{name}</span>
          </Link>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => logout()} aria-label={t('shell.logout')}>
            <Icon name="logout" />
            <span className="btn-label">{t('shell.logout')}</span>
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('shell.navigation')}>
        <div className="sidenav-inner">
          {SECTIONS.map((section) => {
            const inSection = items.filter((i) => i.section === section);
            if (inSection.length === 0) return null;
            return (
              <div key={section}>
                {section !== 'main' && <h2>{t(`nav.section.${section}`)}</h2>}
                <ul>
                  {inSection.map((i) => (
                    <li key={i.to}>
                      <NavLink to={i.to} end={i.to === '/'}>
                        <Icon name={i.icon} />
                        {t(i.label)}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <IdleWatcher />
    </div>
  );
}
