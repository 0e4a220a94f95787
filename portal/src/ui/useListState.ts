import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SortDir = 'asc' | 'desc';
export interface ListState<F extends string> {
  page: number;
  size: number;
  sortField: string;
  sortDir: SortDir;
  filters: Partial<Record<F, string>>;
}

export const PAGE_SIZES = [8, 16, 32, 64];

/**
 * A list's page, size, sort and filters live in the URL: reload, back and a shared link all
 * show the same rows. Only the declared filter names are read.
 */
export function useListState<F extends string>(
  filterNames: readonly F[],
  defaults: { sortField: string; sortDir: SortDir; size?: number },
) {
  const [params, setParams] = useSearchParams();
  const state: ListState<F> = useMemo(() => {
    const filters: Partial<Record<F, string>> = {};
    for (const f of filterNames) {
      const v = params.get(f);
      if (v) filters[f] = v;
    }
    const size = Number(params.get('size'));
    return {
      page: Math.max(0, Number(params.get('page')) || 0),
      size: PAGE_SIZES.includes(size) ? size : (defaults.size ?? PAGE_SIZES[0]!),
      sortField: params.get('sort') ?? defaults.sortField,
      sortDir: params.get('dir') === 'asc' ? 'asc' : params.get('dir') === 'desc' ? 'desc' : defaults.sortDir,
      filters,
    };
  }, [params, filterNames, defaults.sortField, defaults.sortDir, defaults.size]);

  const update = useCallback(
    (patch: Record<string, string | number | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return {
    state,
    setPage: (page: number) => update({ page }),
    setSize: (size: number) => update({ size, page: 0 }),
    toggleSort: (field: string) =>
      update({ sort: field, dir: state.sortField === field && state.sortDir === 'asc' ? 'desc' : 'asc', page: 0 }),
    setFilters: (filters: Partial<Record<F, string>>) => {
      const patch: Record<string, string | undefined> = { page: undefined };
      for (const f of filterNames) patch[f] = filters[f]?.trim() || undefined;
      update(patch);
    },
  };
}

/**
 * The props every server-paged list gives its DataTable: rows and total from the query, paging,
 * sorting and "filtered" from the list state in the URL.
 */
export function pagedTable<T, F extends string>(
  list: ReturnType<typeof useListState<F>>,
  q: { data?: { data: T[]; totalResults: number }; isFetching: boolean; error: unknown },
  errorText: (err: unknown) => string,
) {
  const { page, size, sortField, sortDir, filters } = list.state;
  return {
    rows: q.data?.data,
    total: q.data?.totalResults,
    loading: q.isFetching,
    error: q.error ? errorText(q.error) : undefined,
    filtered: Object.values(filters).some(Boolean),
    sortField,
    sortDir,
    onSort: list.toggleSort,
    page,
    size,
    onPage: list.setPage,
    onSize: list.setSize,
  };
}
