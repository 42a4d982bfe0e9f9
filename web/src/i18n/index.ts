// The message catalogue: every text the app shows comes from here. English is the reference
// (en.ts); other languages must have the same keys (the type below makes a missing one a build
// error). The language is the browser's when supported, or the one chosen in Settings.
import { signal } from "@preact/signals";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export type Locale = "en" | "fr";
export const LOCALES: { code: Locale; name: string }[] = [
  { code: "en", name: "English" },
  { code: "fr", name: "Français" },
];
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = "jobmate.locale"; // a display preference, nothing sensitive

function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === "en" || stored === "fr") return stored;
  } catch {
    // storage disabled: fall through to the browser's language
  }
  const preferred = globalThis.navigator?.language?.slice(0, 2);
  return preferred === "fr" ? "fr" : "en";
}

export const locale = signal<Locale>(initialLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered: fine
  }
  document.documentElement.lang = next;
}

export type Params = Record<string, string | number>;

/** The text for `key` in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params?: Params): string {
  const template = CATALOGUES[locale.value][key] ?? en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole);
}

/** Plural-aware: `key.one` / `key.other` by the language's rules, with {count}. */
export function tn(key: string, count: number, params?: Params): string {
  const rule = pluralRules().select(count) === "one" ? "one" : "other";
  return t(`${key}.${rule}` as MessageKey, { count, ...params });
}

// Intl formatters are costly to build (a list of 1,000 postings would build thousands per render):
// one per language and set of options, kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, options: object, make: () => F): F {
  const key = `${kind}|${locale.value}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
  return cached("date", options, () => new Intl.DateTimeFormat(locale.value, options)).format(date);
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return cached("number", options, () => new Intl.NumberFormat(locale.value, options)).format(value);
}

export function formatMoney(amount: number, currency: string): string {
  try {
    const options: Intl.NumberFormatOptions = { style: "currency", currency, maximumFractionDigits: 0 };
    return cached("number", options, () => new Intl.NumberFormat(locale.value, options)).format(amount);
  } catch {
    return `${formatNumber(amount)} ${currency}`;
  }
}

export interface SalaryLike {
  min: number | null;
  max: number | null;
  currency: string;
  period: string | null;
  text: string;
}

/** "€55,000 – €65,000 per year", "€45 per hour", or the salary's own words when it has no figure. */
export function formatSalary(salary: SalaryLike | null | undefined): string {
  if (!salary) return "";
  const { min, max, currency, period } = salary;
  if (min === null && max === null) return salary.text;
  const money = (value: number) => (currency ? formatMoney(value, currency) : formatNumber(value));
  const amount = min !== null && max !== null && min !== max ? `${money(min)} – ${money(max)}` : money((min ?? max)!);
  return period ? `${amount} ${t(`period.${period}` as MessageKey)}` : amount;
}

const plurals = new Map<string, Intl.PluralRules>();
export function pluralRules(): Intl.PluralRules {
  let rules = plurals.get(locale.value);
  if (!rules) {
    rules = new Intl.PluralRules(locale.value);
    plurals.set(locale.value, rules);
  }
  return rules;
}

export type { MessageKey };
