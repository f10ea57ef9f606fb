import { describe, expect, it } from 'vitest';
import { formatPhone, isPlaceholderEmail, normalizePhone, placeholderEmailFor } from './phone';

describe('phone numbers', () => {
  it('normalise as typed in Russia to E.164, other countries by their code', () => {
    for (const typed of ['8 916 123-45-67', '+7 (916) 123 45 67', '9161234567', ' 89161234567 ']) {
      expect(normalizePhone(typed)).toBe('+79161234567');
    }
    expect(normalizePhone('+44 7911 123456')).toBe('+447911123456');
  });

  it('refuse what is not a phone number', () => {
    for (const typed of ['', '12345', 'телефон', '+7 916 123', `+7${'9'.repeat(40)}`]) {
      expect(normalizePhone(typed)).toBeNull();
    }
  });

  it('format for people and give phone-only accounts an undeliverable placeholder address', () => {
    expect(formatPhone('+79161234567')).toBe('+7 916 123 45 67');
    expect(placeholderEmailFor('+79161234567')).toBe('79161234567@phone.kabinet.invalid');
    expect(isPlaceholderEmail('79161234567@Phone.Kabinet.Invalid')).toBe(true);
    expect(isPlaceholderEmail('ivan@example.ru')).toBe(false);
  });
});
