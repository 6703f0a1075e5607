// The case being typed. It lives in this module's memory only: it survives moving between screens and a
// failed submission, not a reload, and it is never written to localStorage, sessionStorage or the address.
// (Centres share computers; a draft in storage would outlive the worker's session in plain text.)
// Its Idempotency-Key is made with the draft and kept until the server confirms the case, so a retry after a
// dropped connection can never register the case twice.
import type { Category, ServiceType } from '../../shared/schemas.ts';

export interface Draft {
  /** The centre that takes the case: chosen by state staff only (centre roles register at their own). */
  centreId: string;
  name: string;
  age: string;
  phone: string;
  safeToContact: boolean;
  district: string;
  address: string;
  categories: Category[];
  date: string;
  relationship: string;
  description: string;
  source: string;
  reference: string;
  services: ServiceType[];
  consentServices: boolean;
  shareWithPolice: boolean;
  contactByPhone: boolean;
  /** The language the privacy notice was given in (the form asks for it at the consent step). */
  noticeLanguage: string;
  risk: string;
}

const empty = (): Draft => ({
  centreId: '',
  name: '',
  age: '',
  phone: '',
  safeToContact: false,
  district: '',
  address: '',
  categories: [],
  date: '',
  relationship: '',
  description: '',
  source: '',
  reference: '',
  services: [],
  consentServices: false,
  shareWithPolice: false,
  contactByPhone: false,
  noticeLanguage: '',
  risk: '',
});

let draft: Draft = empty();
let key: string = crypto.randomUUID();
let owner: string | undefined;

export const getDraft = (): Draft => draft;

export function setDraft(next: Draft): void {
  draft = next;
}

/** The Idempotency-Key of this draft. */
export const draftKey = (): string => key;

/** A fresh draft and key: after the server confirmed the case, on "clear", and on sign-out. */
export function resetDraft(): void {
  draft = empty();
  key = crypto.randomUUID();
}

/** After the server said the key was used for a different body: the next press is a new registration. */
export function rotateKey(): void {
  key = crypto.randomUUID();
}

/** Has anything about the woman been typed? (A chosen centre alone is nothing to lose.) */
export function isDirty(): boolean {
  const e = empty();
  return (Object.keys(e) as Array<keyof Draft>).some(
    (k) => k !== 'centreId' && JSON.stringify(draft[k]) !== JSON.stringify(e[k]),
  );
}

/** A draft belongs to the worker who typed it: another sign-in in the same tab starts empty. */
export function claimDraft(username: string): void {
  if (owner !== undefined && owner !== username) resetDraft();
  owner = username;
}
