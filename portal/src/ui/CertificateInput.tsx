import { useTranslation } from 'react-i18next';

/** A certificate pasted as PEM or read from a file (.pem, .cer, .crt, .p7b as text). */
export function CertificateInput({
  value,
  onChange,
  ...aria
}: {
  value: string;
  onChange: (v: string) => void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack" style={{ gap: '0.5rem' }}>
      <textarea
        {...aria}
        className="mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={8}
        placeholder="-----BEGIN CERTIFICATE-----"
        spellCheck={false}
      />
      <label className="btn btn-sm" style={{ alignSelf: 'flex-start' }}>
        <input
          type="file"
          className="sr-only"
          accept=".pem,.cer,.crt,.p7b,.txt"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (f) onChange(await f.text());
          }}
        />
        {t('certificate.chooseFile')}
      </label>
    </div>
  );
}
