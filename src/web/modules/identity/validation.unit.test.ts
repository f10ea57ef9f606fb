import { describe, expect, it } from 'vitest';
import { emailProblem, newPasswordProblem, safeRedirect } from './validation';

describe('safeRedirect', () => {
  it('keeps a path on this site, with its query and hash', () => {
    expect(safeRedirect('/orgs/0198-abc?tab=members#top')).toBe('/orgs/0198-abc?tab=members#top');
    expect(safeRedirect('/admin/mailbox')).toBe('/admin/mailbox');
  });

  it('sends anything that could leave the site, or loop, to the home page', () => {
    for (const value of [
      null,
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      'javascript:alert(1)',
      'orgs/1',
      '/ok\n',
      '/api/v1/auth/sign-out',
      '/sign-in',
      '/sign-in?redirect=/x',
      '/welcome',
    ]) {
      expect(safeRedirect(value), String(value)).toBe('/');
    }
  });
});

describe('form rules', () => {
  it('checks e-mail addresses loosely and passwords by length', () => {
    expect(emailProblem('  ')).toBe('identity.validation.emailRequired');
    expect(emailProblem('ivan@example')).toBe('identity.validation.emailInvalid');
    expect(emailProblem(' ivan@example.ru ')).toBeNull();
    expect(newPasswordProblem('')).toBe('identity.validation.passwordRequired');
    expect(newPasswordProblem('123456789')).toBe('identity.validation.passwordTooShort');
    expect(newPasswordProblem('1234567890')).toBeNull();
    expect(newPasswordProblem('x'.repeat(129))).toBe('identity.validation.passwordTooLong');
  });
});
