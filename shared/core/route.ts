// What a route of the API is, and the role groups the feature route tables share. Each feature folder keeps
// its routes in its own routes.ts; shared/core/routes.ts assembles them into the one table.
import type { QuerySchemaName, RequestSchemaName } from '../schemas.ts';
import type { Role } from './vocabulary.ts';

export interface Route {
  /** Also the handler's folder under functions/ and its Lambda's logical name. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** API Gateway style path with {params}. */
  path: string;
  /** Who may call it; an empty list means no token is needed. */
  roles: readonly Role[];
  body?: RequestSchemaName;
  query?: QuerySchemaName;
  /** Success status. */
  status: number;
  /**
   * Whether the route takes an Idempotency-Key: `change` (the HTTP factory claims it, and the route's store
   * spends it in the change's own transaction) or `registration` (registration binds it to the new case,
   * and a control room's reference stands in for it).
   */
  idempotency?: 'change' | 'registration';
  /**
   * `required`: the change could overwrite someone else's (a correction of her details), so it must name the
   * version it was made on; without If-Match the HTTP factory answers 428 before anything is read.
   */
  ifMatch?: 'required';
  /**
   * Machine-to-machine routes: authorized by an OAuth access token (client-credentials grant) carrying
   * one of these scopes, instead of a staff member's ID token. The resource server is `sakhi`.
   */
  scopes?: readonly string[];
  /**
   * A body that is not JSON: its media type and its own size limit (a CSV file of a centre's register).
   * The factory answers 415 for another type and 413 over the limit, and hands the handler the text.
   * Absent: JSON, up to the stage's MAX_BODY_BYTES.
   */
  media?: { type: BodyMediaType; maxBytes: number };
}

/** The non-JSON bodies a route may declare. */
export type BodyMediaType = 'text/csv';

/** A register, roster or figures file: UTF-8 CSV of at most 5 MB (CONTRACT.md, "Go-live import"). */
export const CSV_FILE = { type: 'text/csv', maxBytes: 5 * 1024 * 1024 } as const;

/** The OAuth resource server and the scope the 181 / 112 control rooms' clients get. */
export const INTAKE_RESOURCE_SERVER = 'sakhi';
export const REFERRALS_WRITE_SCOPE = 'referrals.write';

export const CENTRE = ['centre-staff', 'centre-admin'] as const;
export const READERS = ['centre-staff', 'centre-admin', 'district-officer', 'state-admin'] as const;
/** Who keeps the partner directory: the state any district's, the others their own district's. */
export const DIRECTORY_KEEPERS = ['centre-admin', 'district-officer', 'state-admin'] as const;
