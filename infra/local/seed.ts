// Local-only seed: the operating centres (the same items the deploy-time seed writes in AWS), a staff
// roster, sign-in users of every role, and the district/state contacts that escalations notify. Phone
// numbers are placeholders in a reserved-looking range; nothing here is deployed.
import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '#shared/core/keys.ts';
import type { IntakeClients } from '#shared/core/principal.ts';
import type { IntakeSource, Language, Role } from '#shared/core/vocabulary.ts';
import { CentreStore, centreItem, type Staff, staffItem } from '#shared/network/centre-store.ts';
import { DISTRICTS, operatingCentres } from '#shared/network/geography.ts';
import { PUBLISHED_FIGURES } from '#shared/oversight/published-figures.ts';
import { ReportedFigures } from '#shared/oversight/reported.ts';
import { type Partner, partnerItem } from '#shared/partners/directory.ts';
import type { PartnerKind } from '#shared/partners/rules.ts';

export interface LocalUser {
  username: string;
  role: Role;
  centreId?: string;
  district?: string;
  staffId?: string;
  phone?: string;
  /** A control room's machine client: the referral source it may use (its client id is its username). */
  intakeSource?: IntakeSource;
}

const FULL_ROSTER: Array<[string, string, Language]> = [
  ['CENTRE_ADMINISTRATOR', 'Centre Administrator', 'hi'],
  ['CASE_WORKER', 'Case Worker 1', 'hi'],
  ['CASE_WORKER', 'Case Worker 2', 'en'],
  ['PARALEGAL', 'Paralegal', 'en'],
  ['PARAMEDIC', 'Paramedic', 'hi'],
  ['COUNSELLOR', 'Counsellor', 'hi'],
  ['OFFICE_ASSISTANT', 'Office Assistant', 'hi'],
];

/** Users seeded in two centres of different districts (Patna, Gaya), as the contract asks. */
const USER_CENTRES = ['osc-patna-1', 'osc-gaya-1'];

const phone = (centreIdx: number, staffIdx: number) =>
  `+9190000${String(centreIdx).padStart(2, '0')}${String(staffIdx).padStart(3, '0')}`;

export function localRoster(): Staff[] {
  const staff: Staff[] = [];
  operatingCentres().forEach((c, ci) => {
    const roster = USER_CENTRES.includes(c.centreId) ? FULL_ROSTER : FULL_ROSTER.slice(0, 2);
    roster.forEach(([role, title, language], si) => {
      const short = c.centreId.replace(/^osc-/, '');
      staff.push({
        staffId: `${short}-${role === 'CENTRE_ADMINISTRATOR' ? 'admin' : `s${si}`}`,
        centreId: c.centreId,
        name: `${title}, ${c.district}`,
        role,
        phone: phone(ci + 1, si + 1),
        language,
        active: true,
      });
    });
  });
  return staff;
}

function rosterMember<S extends { centreId: string; role: string }>(roster: S[], centreId: string, role: string): S {
  const found = roster.find((s) => s.centreId === centreId && s.role === role);
  if (!found) throw new Error(`The local roster of ${centreId} has no ${role}`);
  return found;
}

export function localUsers(): LocalUser[] {
  const roster = localRoster();
  const users: LocalUser[] = [];
  for (const centreId of USER_CENTRES) {
    const short = centreId.replace(/^osc-/, '').replace(/-/g, '');
    const admin = rosterMember(roster, centreId, 'CENTRE_ADMINISTRATOR');
    const worker = rosterMember(roster, centreId, 'CASE_WORKER');
    users.push({
      username: `staff.${short}`,
      role: 'centre-staff',
      centreId,
      staffId: worker.staffId,
      phone: worker.phone,
    });
    users.push({
      username: `admin.${short}`,
      role: 'centre-admin',
      centreId,
      staffId: admin.staffId,
      phone: admin.phone,
    });
  }
  users.push({ username: 'officer.patna', role: 'district-officer', district: 'Patna', phone: '+919100000001' });
  users.push({ username: 'officer.gaya', role: 'district-officer', district: 'Gaya', phone: '+919100000007' });
  users.push({ username: 'state.wcdc', role: 'state-admin', phone: '+919200000001' });
  users.push({ username: 'helpline.181', role: 'helpline', intakeSource: 'HELPLINE_181' });
  users.push({ username: 'helpline.112', role: 'helpline', intakeSource: 'ERSS_112' });
  return users;
}

/** The INTAKE_CLIENTS setting of the local runtime: each control room's machine client by its client id. */
export function localIntakeClients(): IntakeClients {
  const clients: Record<string, string[]> = {};
  for (const u of localUsers())
    if (u.intakeSource) clients[u.intakeSource] = [...(clients[u.intakeSource] ?? []), u.username];
  return clients;
}

/** A directory per district, so the referral form has partners to offer (names of the usual institutions). */
const PARTNERS: Array<[PartnerKind, string | undefined, (district: string, hq: string) => string]> = [
  ['POLICE_STATION', 'MAHILA_THANA', (_d, hq) => `Mahila Thana, ${hq}`],
  ['POLICE_STATION', 'SJPU', (d) => `Special Juvenile Police Unit, ${d}`],
  ['HOSPITAL', 'DISTRICT_HOSPITAL', (_d, hq) => `Sadar Hospital, ${hq}`],
  ['DLSA', undefined, (d) => `District Legal Services Authority, ${d}`],
  ['PROTECTION_OFFICER', undefined, (d) => `Protection Officer (DV Act), ${d}`],
  ['CWC', undefined, (d) => `Child Welfare Committee, ${d}`],
  ['SHELTER_HOME', 'SWADHAR_GREH', (_d, hq) => `Swadhar Greh, ${hq}`],
];

export function localPartners(): Array<Partner & { slug: string }> {
  const at = '2026-04-01T10:00:00.000+05:30';
  return DISTRICTS.flatMap((d, di) =>
    PARTNERS.map(([kind, subtype, name], pi) => ({
      slug: d.slug,
      // Stable ids, so a data folder seeded twice holds each entry once.
      partnerId: `${d.slug}-${createHash('sha256')
        .update(`${d.slug}/${kind}/${subtype ?? ''}`)
        .digest('hex')
        .slice(0, 8)}`,
      name: name(d.name, d.headquarters),
      kind,
      ...(subtype ? { subtype } : {}),
      district: d.name,
      phone: `+9193${String(di + 1).padStart(3, '0')}0000${pi}`,
      active: true,
      version: 1,
      createdAt: at,
      updatedAt: at,
    })),
  );
}

/** Everything a new local data folder starts with: the centres, their rosters, the escalation contacts. */
export function localSeedItems(): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = operatingCentres().map(centreItem);
  items.push(...localRoster().map(staffItem));
  // District Operation Committee officers and the state corporation: the contacts escalations notify.
  DISTRICTS.forEach((d, i) => {
    items.push({
      ...keys.contact('DISTRICT', d.name, 'dpo'),
      type: 'CONTACT',
      contactId: 'dpo',
      level: 'DISTRICT',
      area: d.name,
      name: `District Programme Officer, ${d.name}`,
      phone: `+9191000000${String(i + 1).padStart(2, '0')}`,
      language: 'hi',
      active: true,
    });
  });
  items.push({
    ...keys.contact('STATE', 'state', 'wcdc'),
    type: 'CONTACT',
    contactId: 'wcdc',
    level: 'STATE',
    area: 'state',
    name: 'WCDC state control room',
    phone: '+919200000001',
    language: 'en',
    active: true,
  });
  items.push(...localPartners().map(({ slug, ...p }) => partnerItem(p, slug)));
  return items;
}

/**
 * Writes the seed in transactions of 100 (DynamoDB Local on disk pays a sync per write: ~130 single writes
 * take seconds, two transactions a fraction). Never overwrites: a chunk that meets an existing item (a seed
 * interrupted half-way) falls back to one conditional write per item.
 */
export async function seedLocal(doc: DynamoDBDocumentClient, table: string): Promise<void> {
  const items = localSeedItems();
  for (let i = 0; i < items.length; i += 100) {
    const chunk = items.slice(i, i + 100);
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: chunk.map((Item) => ({
            Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
      await Promise.all(chunk.map((item) => putIfAbsent(doc, table, item)));
    }
  }
}

async function putIfAbsent(doc: DynamoDBDocumentClient, table: string, item: Record<string, unknown>) {
  try {
    await doc.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}

/**
 * The state's published figures of earlier years, as reported figures (DOMAIN.md): written where missing on
 * every start (a data folder made before they were seeded gets them too), never over a figure recorded since.
 */
export async function seedReportedFigures(doc: DynamoDBDocumentClient, table: string): Promise<number> {
  const store = new ReportedFigures(doc, table, new CentreStore(doc, table));
  return store.seed(PUBLISHED_FIGURES, new Date().toISOString());
}
