// Password hashes: the shared scrypt format, verification, and refusal of malformed stored values.
import { describe, expect, it } from 'vitest';
import { DECOY_HASH, hashPassword, verifyPassword } from '../src/password-hash.ts';

describe('password hashing', () => {
  it('hashes in the exact format the seed writes: scrypt$16384$8$1$salt$hash with a 64-byte key', async () => {
    const hash = await hashPassword('mật khẩu');
    const m = /^scrypt\$16384\$8\$1\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash);
    expect(m).not.toBeNull();
    expect(Buffer.from(m![1]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(m![2]!, 'base64')).toHaveLength(64);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsе', hash)).toBe(false);
  });

  it('salts every hash, so the same password hashes differently each time', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats composed and decomposed Vietnamese as the same password', async () => {
    const hash = await hashPassword('Hoàn Kiếm'.normalize('NFC'));
    expect(await verifyPassword('Hoàn Kiếm'.normalize('NFD'), hash)).toBe(true);
  });

  it.each([
    ['not a hash'],
    ['bcrypt$10$abc'],
    ['scrypt$16384$8$1$$'],
    [
      'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
    ],
    [
      'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
    ],
  ])('refuses the malformed or unsafe stored hash %s without throwing', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('the decoy hash is well-formed but matches nothing a user would type', async () => {
    expect(await verifyPassword('', DECOY_HASH)).toBe(false);
  });
});
