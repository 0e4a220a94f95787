import { useTranslation } from 'react-i18next';

/** Dates as the user's language writes them; the server sends ISO-8601 UTC. */
export function formatDateTime(iso: string | null | undefined, lng: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium' }).format(d);
}

export function formatNumber(n: number, lng: string): string {
  return new Intl.NumberFormat(lng).format(n);
}

export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return {
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, lng),
    date: (iso: string | null | undefined) => formatDate(iso, lng),
    number: (n: number) => formatNumber(n, lng),
  };
}
