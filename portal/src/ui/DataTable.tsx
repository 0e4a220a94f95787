import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';
import { Icon } from './icons.js';
import { PAGE_SIZES, type SortDir } from './useListState.js';

export interface Column<T> {
  key: string;
  label: string;
  /** The server's sort field name; omit when the column cannot be sorted. */
  sortField?: string;
  render: (row: T) => ReactNode;
  className?: string;
}

interface Props<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading: boolean;
  error?: ReactNode;
  /** What an empty list says when nothing was filtered out (e.g. "No API keys yet."). */
  emptyText: string;
  /** A filter is applied: an empty page then says nothing matches, not that nothing exists. */
  filtered?: boolean;
  /** The way to make the first item, shown under an unfiltered empty list. */
  emptyAction?: ReactNode;
  sortField?: string;
  sortDir?: SortDir;
  onSort?: (field: string) => void;
  page?: number;
  size?: number;
  total?: number;
  onPage?: (page: number) => void;
  onSize?: (size: number) => void;
}

/** A server-paged table: sortable headers are buttons, the state is announced through aria-sort. */
export function DataTable<T>(p: Props<T>) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const total = p.total ?? 0;
  const size = p.size ?? PAGE_SIZES[0]!;
  const page = p.page ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : page * size + 1;
  const to = Math.min(total, (page + 1) * size);

  let body: ReactNode;
  if (p.error) {
    body = (
      <tr>
        <td colSpan={p.columns.length}>
          <div className="alert alert-error" role="alert">
            {p.error}
          </div>
        </td>
      </tr>
    );
  } else if (p.loading && !p.rows) {
    body = Array.from({ length: 4 }, (_, i) => (
      <tr key={i} aria-hidden="true">
        {p.columns.map((c) => (
          <td key={c.key}>
            <div className="skeleton" />
          </td>
        ))}
      </tr>
    ));
  } else if (!p.rows || p.rows.length === 0) {
    body = (
      <tr>
        <td colSpan={p.columns.length}>
          <div className="empty">
            <Icon name="inbox" className="" />
            <div>{p.filtered ? t('table.noMatch') : p.emptyText}</div>
            {!p.filtered && p.emptyAction}
          </div>
        </td>
      </tr>
    );
  } else {
    body = p.rows.map((row) => (
      <tr key={p.rowKey(row)}>
        {p.columns.map((c) => (
          <td key={c.key} className={c.className}>
            {c.render(row)}
          </td>
        ))}
      </tr>
    ));
  }

  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={p.caption}>
        <table className="data" aria-busy={p.loading}>
          <caption className="sr-only">{p.caption}</caption>
          <thead>
            <tr>
              {p.columns.map((c) => {
                const active = c.sortField !== undefined && c.sortField === p.sortField;
                const ariaSort = active ? (p.sortDir === 'asc' ? 'ascending' : 'descending') : c.sortField ? 'none' : undefined;
                return (
                  <th key={c.key} scope="col" aria-sort={ariaSort}>
                    {c.sortField && p.onSort ? (
                      <button type="button" onClick={() => p.onSort!(c.sortField!)} title={t('table.sortBy', { column: c.label })}>
                        {c.label}
                        <Icon name={active ? (p.sortDir === 'asc' ? 'up' : 'down') : 'sort'} className="sort-icon" />
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      </div>
      {p.onPage && (
        <div className="pager">
          <span className="spacer" aria-live="polite">
            {t('table.range', { from: fmt.number(from), to: fmt.number(to), total: fmt.number(total) })}
          </span>
          {p.onSize && (
            <label className="row">
              {t('table.rowsPerPage')}
              <select value={size} onChange={(e) => p.onSize!(Number(e.target.value))}>
                {PAGE_SIZES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="btn btn-sm" disabled={page <= 0} onClick={() => p.onPage!(page - 1)}>
            {t('table.previous')}
          </button>
          <span>{t('table.pageOf', { page: fmt.number(page + 1), pages: fmt.number(pages) })}</span>
          <button type="button" className="btn btn-sm" disabled={page + 1 >= pages} onClick={() => p.onPage!(page + 1)}>
            {t('table.next')}
          </button>
        </div>
      )}
    </>
  );
}
