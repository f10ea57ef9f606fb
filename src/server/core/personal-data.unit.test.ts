import { describe, expect, it } from 'vitest';
import { modules } from '../../modules/index.js';
import { type PersonalDataProvider, personalDataProviders } from './personal-data.js';
import { localFileStorage } from './storage.js';

const provider = (key: string): PersonalDataProvider => ({
  key,
  export: async () => ({}),
  erase: async () => {},
});

describe('personal-data registry', () => {
  it('collects the providers of every module, in module order', () => {
    expect(personalDataProviders(modules).map((p) => p.key)).toEqual(
      expect.arrayContaining([
        'profile',
        'sessions',
        'accounts',
        'audit',
        'company-memberships',
        'delivery-addresses',
        'notifications',
      ]),
    );
  });

  it('refuses two providers with the same key (they would overwrite each other in the export)', () => {
    expect(() =>
      personalDataProviders([
        { name: 'a', personalData: [provider('x')] },
        { name: 'b', personalData: [provider('x')] },
      ]),
    ).toThrow(/declared twice/);
  });
});

describe('local file storage', () => {
  it('refuses keys that would leave the storage root', async () => {
    const storage = localFileStorage('/tmp/kabinet-storage-test');
    await expect(storage.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    await expect(storage.read('/etc/passwd')).rejects.toThrow(/invalid storage key/);
  });
});
