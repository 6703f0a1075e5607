// The identity port: sign-in accounts for staff with system access. Cognito in AWS (a user in the role's
// group with the centre attributes); a users list in the table locally.
export interface NewAccount {
  username: string;
  role: 'centre-staff' | 'centre-admin';
  centreId: string;
  district: string;
  staffId: string;
  phone: string;
  email?: string;
}

export interface IdentityPort {
  /** Creates the account; an account that already exists (a retried request) is not an error. */
  createAccount(a: NewAccount): Promise<void>;
  /** Disabling also ends the user's sessions. */
  setEnabled(username: string, enabled: boolean): Promise<void>;
}
