import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog.js';
import { useSession } from './session.js';

const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'scroll', 'touchstart'] as const;

/**
 * After `inActivityTimer` minutes without input the user is warned, then signed out when the
 * `inActivityPromptTimer` countdown ends (both from /system-config, as MOSIP's portal does).
 */
export function IdleWatcher() {
  const { t } = useTranslation();
  const { config, logout } = useSession();
  const idleMs = Math.max(1, Number(config.inActivityTimer) || 25) * 60_000;
  const promptMs = Math.max(1, Number(config.inActivityPromptTimer) || 5) * 60_000;
  const [remaining, setRemaining] = useState<number | null>(null);
  const lastActivity = useRef(Date.now());

  useEffect(() => {
    const touch = () => {
      if (remaining === null) lastActivity.current = Date.now();
    };
    ACTIVITY.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= idleMs + promptMs) logout('/session-expired');
      else if (idle >= idleMs) setRemaining(Math.ceil((idleMs + promptMs - idle) / 1000));
    }, 1000);
    return () => {
      ACTIVITY.forEach((e) => window.removeEventListener(e, touch));
      clearInterval(timer);
    };
  }, [idleMs, promptMs, logout, remaining]);

  const stay = () => {
    lastActivity.current = Date.now();
    setRemaining(null);
  };
  const mm = remaining === null ? '' : `${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, '0')}`;
  return (
    <Dialog
      open={remaining !== null}
      title={t('idle.title')}
      onClose={stay}
      actions={
        <>
          <button type="button" className="btn" onClick={() => logout()}>
            {t('shell.logout')}
          </button>
          <button type="button" className="btn btn-primary" onClick={stay} autoFocus>
            {t('idle.stay')}
          </button>
        </>
      }
    >
      <p role="timer" aria-live="off">
        {t('idle.message', { time: mm })}
      </p>
    </Dialog>
  );
}
