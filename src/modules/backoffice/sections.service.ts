import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { defineSetting, getSetting, saveSetting } from '../settings/settings.service.js';

export const sectionIdSchema = z.string().regex(/^[a-z][a-zA-Z0-9-]{0,59}$/);

/**
 * Web sections (nav modules) each customer group may see ("режимы для групп пользователей"), keyed by
 * the group's id; a group that is not listed sees every section. Staff roles keep theirs on the role.
 */
export const groupSectionsSetting = defineSetting(
  'backoffice.groupSections',
  z.object({ groups: z.record(z.string().max(100), z.array(sectionIdSchema).max(100)) }),
  { groups: {} },
);

/** Sections per customer group. */
export async function groupSections(db: Db): Promise<Record<string, string[]>> {
  return (await getSetting(db, groupSectionsSetting)).groups;
}

/** Sets (or, with null, clears) the sections a customer group may see. */
export async function saveGroupSections(db: Db, groupId: string, sections: string[] | null) {
  const groups = { ...(await groupSections(db)) };
  if (sections === null) delete groups[groupId];
  else groups[groupId] = [...new Set(sections)];
  await saveSetting(db, groupSectionsSetting, { groups });
  return groups;
}

/**
 * The sections each of these customer groups may see (null: every section, also for no group), read in
 * one query; keyed by group id.
 */
export async function sectionsOfGroups(
  db: Db,
  groupIds: (string | null)[],
): Promise<(groupId: string | null) => string[] | null> {
  if (groupIds.every((id) => id === null)) return () => null;
  const groups = await groupSections(db);
  return (groupId) => (groupId !== null && Object.hasOwn(groups, groupId) ? (groups[groupId] ?? null) : null);
}
