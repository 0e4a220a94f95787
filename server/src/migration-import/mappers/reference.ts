import type { TableImport } from '../types.js';
import { AUDIT, audit, requireFields, text } from './common.js';

/** Partner types and device types: MOSIP's reference rows, plus any a deployment added. */

export const partnerTypes: TableImport = {
  name: 'partner_type',
  source: {
    db: 'pms',
    table: 'partner_type',
    key: ['code'],
    columns: ['code', 'partner_description', 'is_policy_required', 'is_active'],
  },
  target: {
    table: 'partner_type',
    columns: { code: 'text', partner_description: 'text', is_policy_required: 'boolean', is_active: 'boolean', ...AUDIT },
    key: ['code'],
  },
  idOf: (r) => String(r.code),
  map: (r) =>
    requireFields(r, ['code', 'partner_description'], () => ({
      row: { code: r.code, partner_description: r.partner_description, is_policy_required: r.is_policy_required === true, is_active: r.is_active === true, ...audit(r) },
    })),
};

export const deviceTypes: TableImport = {
  name: 'reg_device_type',
  source: {
    db: 'pms',
    table: 'reg_device_type',
    key: ['code'],
    columns: ['code', 'name', 'descr', 'is_active'],
  },
  target: { table: 'reg_device_type', columns: { code: 'text', name: 'text', descr: 'text', is_active: 'boolean', ...AUDIT }, key: ['code'] },
  idOf: (r) => String(r.code),
  map: (r) => requireFields(r, ['code', 'name'], () => ({ row: { code: r.code, name: r.name, descr: text(r.descr), is_active: r.is_active === true, ...audit(r) } })),
};

export const deviceSubTypes: TableImport = {
  name: 'reg_device_sub_type',
  source: {
    db: 'pms',
    table: 'reg_device_sub_type',
    key: ['dtyp_code', 'code'],
    columns: ['code', 'dtyp_code', 'name', 'descr', 'is_active'],
  },
  target: {
    table: 'reg_device_sub_type',
    columns: { code: 'text', dtyp_code: 'text', name: 'text', descr: 'text', is_active: 'boolean', ...AUDIT },
    key: ['code', 'dtyp_code'],
    refs: [{ column: 'dtyp_code', table: 'reg_device_type', key: 'code', what: 'device type' }],
  },
  idOf: (r) => `${String(r.dtyp_code)}/${String(r.code)}`,
  map: (r) =>
    requireFields(r, ['code', 'dtyp_code', 'name'], () => ({
      row: { code: r.code, dtyp_code: r.dtyp_code, name: r.name, descr: text(r.descr), is_active: r.is_active === true, ...audit(r) },
    })),
};
