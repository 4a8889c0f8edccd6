import { describe, expect, it } from 'vitest';
import { describeLink, envPrefix, linkArgument, parseStoredLink, storedLinkText, validateLinkAlias } from './link-names';

describe('parseStoredLink', () => {
  it('reads the engine form /target:/client/alias', () => {
    expect(parseStoredLink('/db:/app/db-server')).toEqual({ target: 'db', client: 'app', alias: 'db-server', raw: '/db:/app/db-server' });
    expect(parseStoredLink('/lp-web:/lp-multi/lp-web')).toMatchObject({ target: 'lp-web', client: 'lp-multi', alias: 'lp-web' });
  });
  it('reads the create form target:alias and a bare target', () => {
    expect(parseStoredLink('db:db-server')).toMatchObject({ target: 'db', client: '', alias: 'db-server' });
    expect(parseStoredLink('db')).toMatchObject({ target: 'db', alias: 'db' });
  });
  it('refuses what is not a link', () => {
    expect(parseStoredLink('')).toBeNull();
    expect(parseStoredLink('/a/b:c')).toBeNull();
    expect(parseStoredLink('db:')).toBeNull();
    expect(parseStoredLink('db:/app/')).toBeNull();
  });
  it('formats both ways and describes a link', () => {
    expect(linkArgument('/db', 'db-server')).toBe('db:db-server');
    expect(storedLinkText('db', '/app', 'db-server')).toBe('/db:/app/db-server');
    expect(describeLink({ client: 'app', target: 'db', alias: 'db-server' })).toBe('app → db as db-server');
    expect(describeLink({ client: 'app', target: 'db', alias: 'db' })).toBe('app → db');
    const back = parseStoredLink(storedLinkText('db', 'app', 'x.y_z'))!;
    expect(linkArgument(back.target, back.alias)).toBe('db:x.y_z');
  });
});

describe('validateLinkAlias', () => {
  it('accepts Docker names', () => {
    expect(validateLinkAlias('db-server')).toEqual({ ok: true, alias: 'db-server', warning: null });
    expect(validateLinkAlias(' DB_1 ')).toMatchObject({ ok: true, alias: 'DB_1' });
  });
  it('warns about dots, which make shell-unfriendly variable names', () => {
    expect(validateLinkAlias('db.local')).toMatchObject({ ok: true, warning: expect.stringMatching(/DB\.LOCAL_PORT/) });
  });
  it('refuses with a message that says what is wrong', () => {
    expect(validateLinkAlias('')).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    expect(validateLinkAlias('my db')).toMatchObject({ ok: false, error: expect.stringMatching(/space/) });
    expect(validateLinkAlias('-db')).toMatchObject({ ok: false, error: expect.stringMatching(/start with a letter or a digit/) });
    expect(validateLinkAlias('_db')).toMatchObject({ ok: false });
    expect(validateLinkAlias('app/db')).toMatchObject({ ok: false, error: expect.stringMatching(/"\/"/) });
    expect(validateLinkAlias('db:x')).toMatchObject({ ok: false, error: expect.stringMatching(/":"/) });
    expect(validateLinkAlias('db$')).toMatchObject({ ok: false, error: expect.stringMatching(/contains "\$"/) });
    expect(validateLinkAlias('é')).toMatchObject({ ok: false });
    expect(validateLinkAlias('a'.repeat(129))).toMatchObject({ ok: false, error: expect.stringMatching(/at most 128/) });
  });
  it('turns the alias into the variable prefix as the engine does', () => {
    expect(envPrefix('db-server')).toBe('DB_SERVER');
    expect(envPrefix('lp-web')).toBe('LP_WEB');
  });
});
