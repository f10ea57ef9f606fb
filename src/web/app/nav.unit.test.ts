import { describe, expect, it } from 'vitest';
import { visibleNavItems } from './nav';
import type { Session } from './portal';

const session = { user: { id: 'u1' }, permissions: [], sections: null } as unknown as Session;

describe('visibleNavItems', () => {
  it('points the help centre at the company help in a company context, and at /help elsewhere', () => {
    const help = (items: { label: string; to: string }[]) => items.find((i) => i.label === 'kb.nav')?.to;
    expect(help(visibleNavItems(session))).toBe('/help');
    expect(help(visibleNavItems(session, null, { id: 'c-1', permissions: ['company.read'] }))).toBe(
      '/orgs/c-1/help',
    );
  });
});
