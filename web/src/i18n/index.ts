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
  const rule = new Intl.PluralRules(locale.value).select(count) === "one" ? "one" : "other";
  return t(`${key}.${rule}` as MessageKey, { count, ...params });
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(locale.value, withTime
    ? { dateStyle: "medium", timeStyle: "short" }
    : { dateStyle: "medium" }).format(date);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale.value, options).format(value);
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale.value, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${formatNumber(amount)} ${currency}`;
  }
}

export type { MessageKey };
