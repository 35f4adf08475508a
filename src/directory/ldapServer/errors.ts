/**
 * The LDAP backend's terminating errors: opening fails with exit status 2 (nothing was read), a
 * search with 1. Reasons come from the server or Node, never from the bind request, so they hold no
 * password; the cause is not kept (a -Debug dump of it could show the request).
 */
import { InvalidCredentialsError, ResultCodeError, SizeLimitExceededError, TimeLimitExceededError, AdminLimitExceededError } from 'ldapts';
import { TerminatingError, type ErrorCategory } from '../../core/index.js';
import { LdapTimeoutError } from './wire/connection.js';
import type { DirectoryErrorId } from '../errorIds.js';
import { directoryMessages as m } from '../messages.js';

/** The longest server reason a message repeats. */
const REASON_MAX = 200;

function fail(errorId: DirectoryErrorId, category: ErrorCategory, message: string, target: string, exitCode: 1 | 2): TerminatingError {
  return new TerminatingError({ errorId, category, message, target }, exitCode);
}

/** The text of anything thrown, first line, cut. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').trim().slice(0, REASON_MAX);
}

/** The server did not answer (refused, unreachable, or the connect timeout passed). */
export function serverUnavailable(url: string, timeoutMs: number, reason: string): TerminatingError {
  return fail('LdapServerUnavailable', 'ResourceUnavailable', m.LdapServerUnavailable(url, timeoutMs / 1000, reason), url, 2);
}

export function certificateRefused(url: string, reason: string): TerminatingError {
  return fail('LdapCertificateRefused', 'SecurityError', m.LdapCertificateRefused(url, reason), url, 2);
}

export function startTlsFailed(url: string, reason: string): TerminatingError {
  return fail('LdapStartTlsFailed', 'SecurityError', m.LdapStartTlsFailed(url, reason), url, 2);
}

export function noBase(url: string): TerminatingError {
  return fail('LdapNoBase', 'InvalidArgument', m.LdapNoBase(url), url, 2);
}

export function referral(url: string, to: string): TerminatingError {
  return fail('LdapReferral', 'InvalidResult', m.LdapReferral.error(url, to), url, 1);
}

/** Node's codes for a certificate that does not verify (chain, name, dates). */
const CERTIFICATE_CODES = /^(?:ERR_TLS_CERT_ALTNAME_INVALID|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|ERR_SSL_)/;

/** True for a TLS verification failure. */
export function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CERTIFICATE_CODES.test(code);
}

/**
 * The error for a failure while opening (connect, TLS, bind, root DSE): exit status 2.
 * @param url the server, without credentials
 * @param bindDn the DN bound as, for the credentials message
 */
export function openError(error: unknown, url: string, timeoutMs: number, bindDn: string): TerminatingError {
  if (error instanceof TerminatingError) return error;
  if (isCertificateError(error)) return certificateRefused(url, reasonOf(error));
  if (error instanceof InvalidCredentialsError) {
    return fail('LdapInvalidCredentials', 'SecurityError', m.LdapInvalidCredentials(url, bindDn), url, 2);
  }
  if (error instanceof ResultCodeError) return fail('LdapOperationFailed', 'InvalidOperation', m.LdapOperationFailed(url, reasonOf(error)), url, 2);
  return serverUnavailable(url, timeoutMs, reasonOf(error));
}

/**
 * The error for a failure during a search or lookup: exit status 1.
 * @param server the URL, and the operation timeout for LdapServerTimeout
 */
export function searchError(error: unknown, server: { readonly url: string; readonly timeoutMs: number }): TerminatingError {
  if (error instanceof TerminatingError) return error;
  const { url } = server;
  const reason = reasonOf(error);
  if (error instanceof LdapTimeoutError) {
    return fail('LdapServerTimeout', 'ResourceUnavailable', m.LdapServerTimeout(url, server.timeoutMs / 1000), url, 1);
  }
  if (error instanceof SizeLimitExceededError || error instanceof TimeLimitExceededError || error instanceof AdminLimitExceededError) {
    return fail('LdapLimitExceeded', 'LimitsExceeded', m.LdapLimitExceeded(url, reason), url, 1);
  }
  if (error instanceof ResultCodeError) {
    // 10: the server refers the whole search elsewhere.
    if (error.code === 10) return referral(url, reason);
    return fail('LdapOperationFailed', 'InvalidOperation', m.LdapOperationFailed(url, reason), url, 1);
  }
  return fail('LdapConnectionLost', 'ResourceUnavailable', m.LdapConnectionLost.error(url, reason), url, 1);
}
