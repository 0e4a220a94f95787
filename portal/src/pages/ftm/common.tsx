import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { key } from '../../api/queries.js';
import { endpoints } from '../../api/endpoints.js';
import { call } from '../../api/http.js';
import type { FtmCertificateData } from '../../api/types.js';
import { useFormat } from '../../i18n/format.js';
import { Badge } from '../../ui/Badge.js';
import { Dialog } from '../../ui/Dialog.js';
import { downloadText } from '../../ui/download.js';
import { Icon } from '../../ui/icons.js';
import { ErrorAlert, Loading } from '../../ui/Status.js';

/** A chip's state as lists show it: an approved chip that is no longer active reads "Deactivated". */
export const chipState = (status: string | null, isActive: boolean): string =>
  status === 'approved' && !isActive ? 'deactivated' : (status ?? '');

export function ChipStatusBadge({ status, isActive = true }: { status: string | null; isActive?: boolean }) {
  const { t } = useTranslation();
  const s = chipState(status, isActive);
  const tone = s === 'approved' ? 'success' : s === 'rejected' || s === 'deactivated' ? 'danger' : 'warning';
  return <Badge tone={tone}>{s ? t(`ftm.status.${s}`, { defaultValue: s }) : '—'}</Badge>;
}

export interface ChipRef {
  ftmId: string;
  make: string | null;
  model: string | null;
}

/** A chip as people name it: make and model (the server may hold neither). */
export const chipName = (c: Pick<ChipRef, 'make' | 'model'>) => [c.make, c.model].filter(Boolean).join(' ');

function CertBlock({
  title,
  pem,
  expired,
  from,
  to,
  file,
}: {
  title: string;
  pem: string | null;
  expired: boolean;
  from: string | null;
  to: string | null;
  file: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="stack" style={{ gap: '0.5rem' }}>
      <h3 style={{ margin: 0 }}>{title}</h3>
      <dl className="details">
        <dt>{t('trust.validFrom')}</dt>
        <dd>{fmt.dateTime(from)}</dd>
        <dt>{t('certificate.expiry')}</dt>
        <dd>{expired ? <Badge tone="danger">{t('certificate.expiredOn', { date: fmt.date(to) })}</Badge> : fmt.dateTime(to)}</dd>
      </dl>
      {pem ? (
        <button
          type="button"
          className="btn btn-sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => downloadText(file, pem)}
          aria-label={t('ftm.downloadOf', { what: title })}
        >
          <Icon name="download" />
          {t('common.download')}
        </button>
      ) : (
        <p className="muted">{t('certificate.expiredNoDownload')}</p>
      )}
    </section>
  );
}

/** The chip's uploaded (CA-signed) certificate and the one this service signed, with their dates. */
export function ChipCertificateDialog({ chip, onClose }: { chip: ChipRef | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: key('ftm-cert', chip?.ftmId),
    queryFn: () => call<FtmCertificateData>(endpoints.ftmCertificateData, { params: { ftmId: chip!.ftmId } }),
    enabled: chip !== null,
  });
  const d = q.data;
  return (
    <Dialog
      open={chip !== null}
      title={t('ftm.certificateOf', { name: chip ? chipName(chip) : '' })}
      onClose={onClose}
      actions={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {q.isPending && <Loading />}
      {q.error && <ErrorAlert error={q.error} />}
      {d && chip && (
        <div className="stack">
          <CertBlock
            title={t('ftm.caSigned')}
            pem={d.caSignedCertificateData}
            expired={d.isCaSignedCertificateExpired}
            from={d.caSignedCertUploadDateTime}
            to={d.caSignedCertExpiryDateTime}
            file={`${chip.ftmId}-original.pem`}
          />
          <CertBlock
            title={t('ftm.mosipSigned')}
            pem={d.mosipSignedCertificateData}
            expired={d.isMosipSignedCertificateExpired}
            from={d.mosipSignedCertUploadDateTime}
            to={d.mosipSignedCertExpiryDateTime}
            file={`${chip.ftmId}-signed.pem`}
          />
        </div>
      )}
    </Dialog>
  );
}
