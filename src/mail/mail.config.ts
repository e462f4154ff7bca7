/** Mail settings from the environment. Without SMTP settings e-mail is switched off (the worker does not start). */
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface MailConfig {
  /** nodemailer SMTP transport options, or null when mail is off. */
  smtp: string | SMTPTransport.Options | null;
  from: string;
  /** Reminders go out this many days before an action item is due (and once when it becomes overdue). */
  reminderDaysBefore: number;
  /** Overdue items older than this are not reminded of any more (so switching mail on does not send years of backlog). */
  overdueLookbackDays: number;
  /** How often the worker looks for work. */
  intervalMs: number;
  /** Digests are planned from this local hour on (nobody wants one at 00:05). */
  digestHour: number;
  /** Agenda/minutes distributions older than this when first seen are skipped (history loaded in bulk). */
  distributionMaxAgeHours: number;
  /** Failed sends are retried this many times, with growing pauses. */
  maxAttempts: number;
  /** Public address of this server, for unsubscribe links; none when unset. */
  publicUrl: string | null;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 1_000_000): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  let smtp: MailConfig['smtp'] = null;
  if (env.SMTP_URL) {
    if (!/^smtps?:\/\//.test(env.SMTP_URL)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
    smtp = env.SMTP_URL;
  } else if (env.SMTP_HOST) {
    smtp = {
      host: env.SMTP_HOST,
      port: int(env, 'SMTP_PORT', 587, 1, 65535),
      secure: env.SMTP_SECURE === '1' || env.SMTP_SECURE === 'true',
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
    };
  }
  return {
    smtp,
    from: env.MAIL_FROM || 'Partnerskabets mødearkiv <no-reply@localhost>',
    reminderDaysBefore: int(env, 'REMINDER_DAYS_BEFORE', 3, 0, 60),
    overdueLookbackDays: int(env, 'REMINDER_OVERDUE_LOOKBACK_DAYS', 30, 1, 3650),
    intervalMs: int(env, 'MAIL_INTERVAL_SEC', 60, 1, 86_400) * 1000,
    digestHour: int(env, 'REMINDER_DIGEST_HOUR', 7, 0, 23),
    distributionMaxAgeHours: int(env, 'MAIL_DISTRIBUTION_MAX_AGE_HOURS', 48, 1, 10_000),
    maxAttempts: int(env, 'MAIL_MAX_ATTEMPTS', 5, 1, 100),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
  };
}
