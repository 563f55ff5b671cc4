// The declaration of every action beside its schema (issue 13): who may call it, which permission of
// the staff table and which place it needs, what the audit log records, which field makes a retry
// harmless, and which errors it answers besides BAD_INPUT/UNAUTHENTICATED. `runAction` enforces it
// before and after the handler, and scripts/gen-api-docs.ts prints it, so neither can drift.
// Data only: field names of the action's own input, never code of the services.
import type { Static, TSchema } from '@sinclair/typebox';
import type { StaffAction } from '../../domain/staff/permissions';

/** Errors an action answers beyond those every action may (BAD_INPUT; UNAUTHENTICATED, FORBIDDEN by `who`). */
export type DeclaredError = 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

type Field<I> = Exclude<Extract<keyof I, string>, 'action'>;

/** What the audit entry of a staff action says; who and when are the dispatcher's. */
export interface AuditRule<I> {
  /** The entry's `action` (the audit search filters by it). */
  action: string;
  /** The input field naming whom/what is acted on; else the service hands the target (auditDetail) or `fn.action` is used. */
  target?: Field<I>;
  /** The input field giving why; else the duty of the read (READ_PURPOSES) or the service's reason. */
  reason?: Field<I>;
}

interface Common<I> {
  errors: readonly DeclaredError[];
  /** The input field that makes a retry answer what the first call did instead of writing again. */
  idempotency?: Field<I>;
  /** One line for the reference: what the result means, when the types alone do not say it. */
  note?: string;
}

export type ActionRule<I> =
  | (Common<I> & { who: 'public' })
  | (Common<I> & { who: 'signed-in' })
  | (Common<I> & {
      who: 'staff';
      permission: StaffAction;
      /**
       * The place the staff member's jurisdiction must contain: an input field holding a division code,
       * a fixed code, or `loaded` — a place only known once the record is read (checked in the service).
       */
      scope?: { field: Field<I> } | { place: string } | { loaded: string };
      /** Every staff action is audited, or says why not (no personal data). */
      audit: AuditRule<I> | { none: string };
    });

/** One rule per action of a function: a missing or unknown action is a type error. */
export type Rules<S extends Record<string, TSchema>> = { [A in keyof S]: ActionRule<Static<S[A]>> };

/** Untyped view for the dispatcher and the docs generator. */
export type AnyRule = ActionRule<Record<string, unknown>>;
