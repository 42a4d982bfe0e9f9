// Small building blocks shared by the screens: fields with their errors, empty states, progress.
import type { ComponentChildren, InputHTMLAttributes, TextareaHTMLAttributes } from "preact";
import { useId } from "preact/hooks";
import { ApiError } from "../api/graphql";
import { t } from "../i18n";

/** What to tell the user about a failure: the server's own words, or a plain sentence for outages. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "NETWORK") return t("error.network");
    if (error.code === "UNAVAILABLE") return t("error.unavailable");
    if (error.code === "INTERNAL_SERVER_ERROR") return t("error.internal");
    if (error.code === "RATE_LIMITED") return t("error.rateLimited", { message: error.message });
    return error.message;
  }
  return t("error.internal");
}

type InputProps = InputHTMLAttributes<HTMLInputElement>;

export function Field(props: {
  label: string;
  error?: string | null | undefined;
  hint?: string | undefined;
  mark?: ComponentChildren;
  children?: ComponentChildren;
  input?: InputProps;
  textarea?: TextareaHTMLAttributes<HTMLTextAreaElement>;
  select?: { value: string; onChange: (value: string) => void; options: { value: string; label: string }[] };
}) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-invalid": props.error ? true : undefined, "aria-describedby": describedBy };
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label for={id}>
        {props.label}
        {props.mark}
      </label>
      {props.input && <input {...props.input} {...common} />}
      {props.textarea && <textarea {...props.textarea} {...common} />}
      {props.select && (
        <select {...common} value={props.select.value}
          onChange={(event) => props.select!.onChange((event.target as HTMLSelectElement).value)}>
          {props.select.options.map((option) => <option value={option.value}>{option.label}</option>)}
        </select>
      )}
      {props.children}
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${id}-error`} role="alert">{props.error}</p>}
    </div>
  );
}

export function Empty(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? t("common.loading")}
    </p>
  );
}

export function ErrorNote(props: { error: unknown; onRetry?: () => void }) {
  return (
    <div class="error-note" role="alert">
      <p>{errorText(props.error)}</p>
      {props.onRetry && <button type="button" class="btn btn--small" onClick={props.onRetry}>{t("common.retry")}</button>}
    </div>
  );
}

export function Progress(props: { value: number | null; label: string }) {
  // value null: indeterminate (we know it is working, not how far along).
  return (
    <div class="progress" role="status" aria-live="polite">
      <span>{props.label}</span>
      {props.value === null
        ? <progress aria-label={props.label} />
        : <progress aria-label={props.label} max={100} value={Math.round(props.value * 100)} />}
    </div>
  );
}

export function PageHeader(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1 tabIndex={-1}>{props.title}</h1>
      {props.children && <div class="page-actions">{props.children}</div>}
    </div>
  );
}

/** A list typed as lines (or commas), as the saved-search and profile forms use. */
export function splitList(text: string): string[] {
  return text.split(/[\n,]/).map((item) => item.trim()).filter(Boolean);
}
