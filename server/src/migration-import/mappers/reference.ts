import { copyTable } from './common.js';

/** Partner types and device types: MOSIP's reference rows, plus any a deployment added. */

export const partnerTypes = copyTable({
  name: 'partner_type',
  columns: { code: 'text', partner_description: 'text', is_policy_required: 'boolean', is_active: 'boolean' },
  key: ['code'],
  required: ['code', 'partner_description'],
});

export const deviceTypes = copyTable({
  name: 'reg_device_type',
  columns: { code: 'text', name: 'text', descr: 'text', is_active: 'boolean' },
  key: ['code'],
  required: ['code', 'name'],
});

export const deviceSubTypes = copyTable({
  name: 'reg_device_sub_type',
  columns: { code: 'text', dtyp_code: 'text', name: 'text', descr: 'text', is_active: 'boolean' },
  key: ['code', 'dtyp_code'],
  sourceKey: ['dtyp_code', 'code'],
  required: ['code', 'dtyp_code', 'name'],
  refs: [{ column: 'dtyp_code', table: 'reg_device_type', key: 'code', what: 'device type' }],
  idOf: (r) => `${String(r.dtyp_code)}/${String(r.code)}`,
});
