import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(9109);
    expect(c.publicUrl).toBe('http://localhost:9109');
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.auth.issuer).toBeUndefined();
    expect(c.auth.redirectAllowList).toEqual(['http://localhost:9109']);
    expect(c.auth.cookieSecure).toBe(false);
    expect(c.auth.echoToken).toBe(true);
    expect(c.websubHubUrl).toBeUndefined();
    expect(c.outbox).toEqual({ pollMs: 1000, maxBackoffMs: 300_000, batchSize: 20 });
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      PORT: '8080',
      PMS_PUBLIC_URL: 'https://pms.example.org/',
      DATABASE_URL: 'postgres://u@db:5432/pms',
      PMS_AUTH_ISSUER: 'https://kc.example.org/auth/realms/mosip',
      PMS_AUTH_AUDIENCE: 'pms',
      PMS_WEBSUB_HUB_URL: 'http://hub.local/hub',
      PMS_ESIGNET_BASE_URL: 'http://esignet.local/v1/esignet',
      PMS_LOGIN_REDIRECT_ORIGINS: 'https://portal.example.org/some/page',
      PMS_ROLE_POSTPOLICIESGROUPNEW: 'POLICYMANAGER, ADMIN',
      PMS_VALIDATE_TOKEN_RETURNS_TOKEN: 'false',
      LOG_LEVEL: 'debug',
    });
    expect(c.auth.echoToken).toBe(false);
    expect(c.port).toBe(8080);
    expect(c.publicUrl).toBe('https://pms.example.org');
    expect(c.auth.cookieSecure).toBe(true);
    expect(c.auth.redirectAllowList).toEqual(['https://pms.example.org', 'https://portal.example.org']);
    expect(c.roleOverrides).toEqual({ postpoliciesgroupnew: ['POLICYMANAGER', 'ADMIN'] });
    expect(c.esignet.baseUrl).toBe('http://esignet.local/v1/esignet');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x/y'],
    ['DATABASE_URL', 'not a url'],
    ['PMS_AUTH_ISSUER', 'ftp://issuer'],
    ['PMS_WEBSUB_HUB_URL', 'hub'],
    ['PMS_ESIGNET_BASE_URL', '://'],
    ['PMS_DATA_KEY', 'c2hvcnQ='],
    ['LOG_LEVEL', 'loud'],
    ['PMS_OUTBOX_POLL_MS', '-5'],
    ['PMS_COOKIE_SECURE', 'yes'],
    ['PMS_VALIDATE_TOKEN_RETURNS_TOKEN', 'no'],
    ['PMS_LOGIN_REDIRECT_ORIGINS', 'not-an-origin'],
    ['PMS_ROLE_POSTPOLICIESGROUPNEW', ' , '],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('secrets in start-up errors', () => {
  it('a wrong DATABASE_URL is named, its value (which holds a password) is not shown', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://pms:hunter2@db/pms' })).toThrow(
      /^DATABASE_URL must use postgres: or postgresql:, got \(a value, not shown/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://pms:hunter2@db/pms' })).not.toThrow(/hunter2/);
  });

  it('a wrong value of an ordinary variable is shown, to help fix it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a whole number from 0 to 65535, got "eighty"');
  });
});
