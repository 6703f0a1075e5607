// Which attributes hold staff's own words, in one place for the views, retention and the idempotency records.
/**
 * Free text staff write (notes, outcomes, purposes, reasons, descriptions) can name her or tell what happened:
 * the centre's team only, and removed from every item of the case partition when the case is anonymised
 * (shared/privacy/retention.ts). A feature that stores free text names its attribute here, at any depth of
 * an item; a name that is a code elsewhere (an escalation's `reason`) must not be listed: name the text
 * differently (e.g. `note`, `transferReason`) instead. A milestone's `reference` (an FIR's number and police
 * station, a court) is not listed, as a control room's `referral.reference` is a code: milestoneView shows
 * oversight none of it, and retention removes it (shared/milestones/retention-part.ts).
 */
export const FREE_TEXT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'note',
  'acknowledgementNote',
  'outcomeNote',
  'description',
  // Shelter stays: why a stay is longer than the scheme's days, and the words at discharge.
  'extendedReason',
  'dischargeNote',
  // Onward referrals and transfers: why she was referred or moved, in staff's words.
  'purpose',
  'transferReason',
  'declineReason',
  'cancelReason',
]);
