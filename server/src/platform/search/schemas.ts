import { Type, type Static, type TSchema } from '../vendor/typebox.js';

const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Text = Type.String({ maxLength: 1024 });

/** One legacy search filter (`SearchFilter`). Fields are checked in MOSIP's order by the search, not here. */
export const SearchFilterSchema = Type.Object({
  columnName: Nullable(Text),
  type: Nullable(Text),
  value: Nullable(Text),
  values: Nullable(Type.Array(Text, { maxItems: 1000 })),
  fromValue: Nullable(Text),
  toValue: Nullable(Text),
});
export type SearchFilter = Static<typeof SearchFilterSchema>;

export const SearchSortSchema = Type.Object({
  sortField: Nullable(Text),
  sortType: Nullable(Text),
});
export type SearchSort = Static<typeof SearchSortSchema>;

/** pms-common `Pagination`: two Java `int`s, `pageFetch` initialised to 10 (docs/mosip-compatibility.md). */
export const PaginationSchema = Type.Object({
  pageStart: Type.Integer({ default: 0, 'x-primitive': true }),
  pageFetch: Type.Integer({ default: 10, 'x-primitive': true }),
});

/** Shape of `SearchDto`; areas add their own required fields (e.g. `policyType`) with `Type.Object({...SearchDtoProps, ...})`. */
export const SearchDtoProps = {
  filters: Type.Array(SearchFilterSchema, { maxItems: 50 }),
  sort: Type.Array(SearchSortSchema, { maxItems: 10 }),
  pagination: Nullable(PaginationSchema),
};
export const SearchDtoSchema = Type.Object(SearchDtoProps);
export type SearchDto = Static<typeof SearchDtoSchema>;

/** pms-common `FilterDto`: `type` starts as "unique" and is @NotNull, so an explicit null fails. */
export const FilterDtoSchema = Type.Object({
  columnName: Type.String({ minLength: 1, maxLength: 256, 'x-message': 'must not be blank' }),
  type: Type.Optional(Type.String({ maxLength: 1024, default: 'unique' })),
  text: Nullable(Text),
});
export type FilterDto = Static<typeof FilterDtoSchema>;

/** Shape of `FilterValueDto`; extend like SearchDtoProps. */
export const FilterValueDtoProps = {
  filters: Type.Array(FilterDtoSchema, { maxItems: 50 }),
  optionalFilters: Nullable(Type.Array(SearchFilterSchema, { maxItems: 50 })),
};
export const FilterValueDtoSchema = Type.Object(FilterValueDtoProps);
export type FilterValueDto = Static<typeof FilterValueDtoSchema>;

/** The revamp list parameters; spread into an endpoint's querystring schema next to its filters. */
export const ListQueryProps = {
  sortFieldName: Type.Optional(Type.String({ maxLength: 128 })),
  sortType: Type.Optional(Type.String({ maxLength: 16 })),
  pageNo: Type.Optional(Type.Integer()),
  pageSize: Type.Optional(Type.Integer()),
};
export const ListQuerySchema = Type.Object(ListQueryProps);
export type ListQuery = Static<typeof ListQuerySchema>;

export const PageResponseSchema = <T extends TSchema>(item: T) =>
  Type.Object({
    fromRecord: Type.Integer(),
    toRecord: Type.Integer(),
    totalRecord: Type.Integer(),
    data: Type.Union([Type.Array(item), Type.Null()]),
  });

export const PageResponseV2Schema = <T extends TSchema>(item: T) =>
  Type.Object({ pageNo: Type.Integer(), pageSize: Type.Integer(), totalResults: Type.Integer(), data: Type.Array(item) });
