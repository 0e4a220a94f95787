/** MOSIP's text when a partner has no certificate yet (its spelling), shared without loading the trust service. */
export const CERT_NOT_UPLOADED = 'Certficate is not uploaded for the selected partner.';
