// Centre and roster management for their handlers.
import { CentreAdmin } from '#shared/network/centre-admin.ts';
import { Roster } from '#shared/network/roster.ts';
import { centreStore, docClient, runtimeConfig } from './deps.ts';

let centreAdmin: CentreAdmin | undefined;
export function centreAdminService(): CentreAdmin {
  centreAdmin ??= new CentreAdmin(docClient(), runtimeConfig().tableName, centreStore());
  return centreAdmin;
}

let roster: Roster | undefined;
export function rosterService(): Roster {
  roster ??= new Roster(docClient(), runtimeConfig().tableName, centreStore());
  return roster;
}
