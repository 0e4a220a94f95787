import { useTranslation } from 'react-i18next';
import { FileTextButton } from './FileTextButton.js';

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
      <FileTextButton accept=".pem,.cer,.crt,.p7b,.txt" onText={onChange} style={{ alignSelf: 'flex-start' }}>
        {t('certificate.chooseFile')}
      </FileTextButton>
    </div>
  );
}
