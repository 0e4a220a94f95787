import { describe, expect, it } from 'vitest';
import { checkValue, fieldSchema, validate } from '../../src/validation/rules.js';
import { emailIssue, jsonObjectIssue, partnerIdIssue } from '../../src/validation/service-rules.js';

describe('form rules', () => {
  it('validates a policy group with the limits of the served request schema', () => {
    expect(fieldSchema('groupCreate', 'name').maxLength).toBe(128);
    expect(validate('groupCreate', { name: '', desc: 'x' })).toEqual({ name: { key: 'required' } });
    expect(validate('groupCreate', { name: '   ', desc: 'x' })).toEqual({ name: { key: 'required' } });
    expect(validate('groupCreate', { name: 'n'.repeat(129), desc: 'x' })).toEqual({ name: { key: 'tooLong', max: 128 } });
    expect(validate('groupCreate', { name: 'ok', desc: 'd' })).toEqual({});
  });

  it('registration: required fields, sizes and the service checks in the server’s order', () => {
    const issues = validate('registerPartner', {
      partnerId: '',
      organizationName: 'Org',
      address: 'a',
      contactNumber: '1'.repeat(17),
      emailId: 'a@b.org',
      partnerType: 'Auth_Partner',
    });
    expect(issues).toEqual({ partnerId: { key: 'required' }, contactNumber: { key: 'tooLong', max: 16 } });
    expect(partnerIdIssue('has space')).toEqual({ key: 'custom', message: 'validation.noSpaces' });
    expect(partnerIdIssue('x'.repeat(37))).toEqual({ key: 'tooLong', max: 36 });
    expect(partnerIdIssue('ok-id')).toBeUndefined();
    expect(emailIssue('not-an-email')).toEqual({ key: 'custom', message: 'validation.email' });
    expect(emailIssue('someone@example.org')).toBeUndefined();
  });

  it('optional fields pass when empty, required arrays and patterns are checked', () => {
    expect(checkValue({ maxLength: 5 }, false, '')).toBeUndefined();
    expect(checkValue({ minItems: 1, maxItems: 5 }, true, [])).toEqual({ key: 'required' });
    expect(checkValue({ minItems: 1, maxItems: 2 }, true, ['a', 'b', 'c'])).toEqual({ key: 'tooMany', max: 2 });
    expect(checkValue({ pattern: '^https://' }, true, 'http://x')).toEqual({ key: 'pattern' });
  });

  it('a policy document must parse as a JSON object', () => {
    expect(jsonObjectIssue('{"a":1}').value).toEqual({ a: 1 });
    expect(jsonObjectIssue('[1]').issue).toEqual({ key: 'custom', message: 'validation.jsonObject' });
    expect(jsonObjectIssue('{"a":').issue?.key).toBe('custom');
  });
});
