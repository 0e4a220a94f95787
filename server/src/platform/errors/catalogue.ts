/**
 * MOSIP's error codes and messages, one catalogue for the whole service. `%s` / `%d` are
 * filled in order by `PmsError.of(code, ...args)`. Texts are MOSIP's own, quirks included,
 * because MOSIP's portal and API tests compare them.
 */
export const catalogue = {
  // Platform: authentication and request validation.
  'KER-ATH-401': 'Authentication Failed',
  'KER-ATH-403': 'Forbidden',
  PMS_COR_001: 'Invalid request parameter - %s :%s',
  PMS_COR_002: 'Invalid Input Parameter - %s',
  PMS_COR_003: 'Could not process the request',
  PMS_REQ_400: 'Request body is not valid JSON',
  PMS_REQ_413: 'Request body is larger than %d bytes',
  PMS_REQ_404: 'No endpoint at %s %s',
  PMS_REQ_415: 'Content-Type %s is not supported; send application/json',
  PMS_REQUEST_ERROR_001: 'Invalid request.',
  PMS_REQUEST_ERROR_002: 'Invalid Request Id',
  PMS_REQUEST_ERROR_003: 'Request version is invalid',
  PMS_REQUEST_ERROR_004: 'Invalid request time',
  PMS_REQUEST_ERROR_005: 'Request body is invalid',
  PMS_REQUEST_ERROR_006: 'Request date should be current date',
  PMS_LOGIN_001: 'Redirect target is not allowed',
  PMS_LOGIN_002: 'Login could not be completed',

  // Legacy search and filter values (PMS-MSD-*).
  'PMS-MSD-310': 'Invalid column received : %s',
  'PMS-MSD-311': 'Column is missing in request',
  'PMS-MSD-312': 'Filter type is missing',
  'PMS-MSD-313': 'Invalid pagination value received pagestart:%d and pagefetch:%d',
  'PMS-MSD-314': 'Missing sort field or sort type values',
  'PMS-MSD-315': 'Invalid fromValue or toValue',
  'PMS-MSD-356': 'Pagination cannot be null',
  'PMS-MSD-357': 'Invalid sort field %s',
  'PMS-MSD-358': 'Sort type %s is not supported',
  'PMS-MSD-390': 'Invalid filter value',
  'PMS-MSD-391': 'Invalid filter values',
  'PMS-MSD-392': 'Both value and values cannot be present',
  'PMS-MSD-394': '%s',
  'PMS-MSD-317': "Column %s doesn't exist for the searched entity",
  'PMS-MSD-322': 'Filter Type cannot be empty or null',
  'PMS-MSD-323': 'Filter Type for column %s is not supported',
  'PMS-MSD-324': 'Received Filter Type not supported',

  // Revamp list conventions.
  PMS_PS_ERROR_006: "Invalid pagination request: 'pageNo' and 'pageSize' must be specified together.",
  PMS_PS_ERROR_007: "Invalid Sorting request: 'sortType' and 'sortFieldName' must be specified together.",
  PMS_PS_ERROR_008: "Invalid request: Pagination parameters 'pageNo' and 'pageSize' are required when sorting is specified.",
  PMS_PRT_357: 'Invalid sort field %s',
  PMS_PRT_358: 'Sort type %s is not supported',
  PMS_PRT_360: 'Invalid Page No',
  PMS_PRT_361: 'Invalid page size',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof catalogue;
