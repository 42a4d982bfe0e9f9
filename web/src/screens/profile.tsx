// Onboarding and the profile: upload a CV (drag and drop or pick a file, with upload progress, then
// "reading…" until CV_PARSED arrives live), and review and edit every field. Each field says whether
// the user set it (a new CV leaves it alone) or it came from the CV.
import { useEffect, useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import { fieldOf } from "../api/graphql";
import { api, toast, useLiveEvents } from "../app";
import {
  MyProfileDocument,
  ParseCvDocument,
  ProfileFromTextDocument,
  UpdateProfileDocument,
  UploadCvDocument,
  type CareerStatus,
  type ProfileFieldsFragment,
  type ProfileInput,
  type RemotePolicy,
} from "../gql/graphql";
import { formatDate, t, type MessageKey } from "../i18n";
import { CvGapsNotice } from "../ui/cvgaps";
import { Empty, ErrorNote, errorText, Field, Loading, PageHeader, Progress, splitList } from "../ui/kit";
import { useQuery } from "../ui/query";

type Profile = ProfileFieldsFragment;
type Draft = Omit<Profile, "cv" | "userId" | "updatedAt" | "userSetFields">;

// Where the services' messages point (their leading field path) -> the form's field keys.
const ERROR_FIELDS: Record<string, string> = {
  full_name: "fullName", headline: "headline", summary: "summary", status: "status",
  "contact.email": "contact.email", "contact.phone": "contact.phone", "contact.location": "contact.location",
  "contact.links": "contact.links", contact: "contact.email", skills: "skills", experience: "experience",
  education: "education", certifications: "certifications", projects: "projects", languages: "languages",
  desired_locations: "desiredLocations", remote_preference: "remotePreference",
  salary_expectation: "salaryExpectation", salary_currency: "salaryCurrency",
};

function draftOf(profile: Profile): Draft {
  const { cv: _cv, userId: _id, updatedAt: _u, userSetFields: _s, ...rest } = profile;
  return structuredClone(rest);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, as updateProfile takes it (lists replace the stored list). */
export function changes(before: Draft, after: Draft): ProfileInput {
  const input: ProfileInput = {};
  const scalar = ["fullName", "headline", "summary", "status", "remotePreference", "salaryCurrency"] as const;
  for (const key of scalar) if (!same(before[key], after[key])) (input as Record<string, unknown>)[key] = after[key];
  if (!same(before.salaryExpectation, after.salaryExpectation)) input.salaryExpectation = after.salaryExpectation;
  if (!same(before.desiredLocations, after.desiredLocations)) input.desiredLocations = after.desiredLocations;
  const contact: NonNullable<ProfileInput["contact"]> = {};
  for (const key of ["email", "phone", "location"] as const) {
    if (before.contact[key] !== after.contact[key]) contact[key] = after.contact[key];
  }
  if (!same(before.contact.links, after.contact.links)) contact.links = after.contact.links;
  if (Object.keys(contact).length) input.contact = contact;
  if (!same(before.skills, after.skills)) input.skills = after.skills.map((s) => ({ name: s.name, level: s.level, years: s.years ?? 0 }));
  for (const key of ["experience", "education", "certifications", "projects", "languages"] as const) {
    if (!same(before[key], after[key])) (input as Record<string, unknown>)[key] = after[key];
  }
  return input;
}

export function ProfileScreen({ welcome }: { welcome: boolean }) {
  const query = useQuery(MyProfileDocument, {});
  const profile = query.data?.myProfile ?? null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [staleNotice, setStaleNotice] = useState(false);
  const original = useRef<Draft | null>(null);

  const dirty = draft !== null && original.current !== null && Object.keys(changes(original.current, draft)).length > 0;

  useEffect(() => {
    if (!profile) return;
    // Fresh data replaces the form unless the user is in the middle of editing it.
    if (!dirty) {
      original.current = draftOf(profile);
      setDraft(draftOf(profile));
      setStaleNotice(false);
    }
  }, [profile]);

  useLiveEvents((event) => {
    if (event.type !== "CV_PARSED") return;
    if (dirty) setStaleNotice(true);
    void query.reload(true);
  });

  async function save(event: Event) {
    event.preventDefault();
    if (!draft || !original.current) return;
    const input = changes(original.current, draft);
    if (!Object.keys(input).length) return;
    setSaving(true);
    setErrors({});
    try {
      const saved = (await api.request(UpdateProfileDocument, { input })).updateProfile;
      original.current = draftOf(saved);
      setDraft(draftOf(saved));
      query.setData(() => ({ myProfile: saved }));
      toast(t("profile.saved"), "success");
    } catch (error) {
      const field = fieldOf(error, ERROR_FIELDS) ?? "form";
      setErrors({ [field]: errorText(error) });
      document.getElementById("profile-errors")?.focus();
    } finally {
      setSaving(false);
    }
  }

  if (query.loading && !profile) return <div class="page"><PageHeader title={t("profile.title")} /><Loading /></div>;
  if (query.error && !profile) return <div class="page"><PageHeader title={t("profile.title")} /><ErrorNote error={query.error} onRetry={() => void query.reload()} /></div>;
  if (!profile || !draft) return null;

  const userSet = new Set(profile.userSetFields);
  const fromCv = profile.cv?.parseStatus === "DONE";
  const mark = (field: string, empty: boolean) => {
    if (userSet.has(field)) return <span class="badge badge--user">{t("profile.setByYou")}</span>;
    if (fromCv && !empty) return <span class="badge badge--cv">{t("profile.fromCv")}</span>;
    return null;
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const setContact = (key: "email" | "phone" | "location", value: string) =>
    setDraft({ ...draft, contact: { ...draft.contact, [key]: value } });

  return (
    <div class="page">
      <PageHeader title={welcome ? t("profile.welcomeTitle") : t("profile.title")} />
      {welcome && <p class="lead">{t("profile.welcomeLead")}</p>}
      <CvSection profile={profile} onChanged={() => void query.reload(true)} />

      {staleNotice && (
        <div class="notice" role="status">
          <p>{t("profile.cvParsedWhileEditing")}</p>
          <button type="button" class="btn btn--small" onClick={() => {
            original.current = draftOf(profile);
            setDraft(draftOf(profile));
            setStaleNotice(false);
          }}>{t("profile.loadParsed")}</button>
        </div>
      )}

      <form class="card profile-form" onSubmit={save} noValidate aria-labelledby="profile-form-title">
        <h2 id="profile-form-title">{t("profile.reviewTitle")}</h2>
        <p class="muted">{t("profile.reviewHint")}</p>
        {errors.form && <p class="field-error" role="alert" id="profile-errors" tabIndex={-1}>{errors.form}</p>}

        <fieldset>
          <legend>{t("profile.about")}</legend>
          <div class="grid-2">
            <Field label={t("profile.fullName")} error={errors.fullName} mark={mark("fullName", !draft.fullName)}
              input={{ value: draft.fullName, autocomplete: "name", onInput: (e) => set("fullName", e.currentTarget.value) }} />
            <Field label={t("profile.status")} error={errors.status} mark={mark("status", !draft.status)}
              select={{ value: draft.status ?? "", onChange: (v) => set("status", (v || null) as CareerStatus | null),
                options: [{ value: "", label: t("common.notSaid") },
                  ...(["STUDENT", "JUNIOR", "MID", "SENIOR", "OPEN_TO_WORK"] as const).map((v) => ({ value: v, label: t(`career.${v}` as MessageKey) }))] }} />
          </div>
          <Field label={t("profile.headline")} error={errors.headline} mark={mark("headline", !draft.headline)}
            input={{ value: draft.headline, onInput: (e) => set("headline", e.currentTarget.value) }} />
          <Field label={t("profile.summary")} error={errors.summary} mark={mark("summary", !draft.summary)}
            textarea={{ value: draft.summary, rows: 4, onInput: (e) => set("summary", e.currentTarget.value) }} />
        </fieldset>

        <fieldset>
          <legend>{t("profile.contact")}</legend>
          <div class="grid-3">
            <Field label={t("profile.email")} error={errors["contact.email"]} mark={mark("contact.email", !draft.contact.email)}
              input={{ type: "email", value: draft.contact.email, onInput: (e) => setContact("email", e.currentTarget.value) }} />
            <Field label={t("profile.phone")} error={errors["contact.phone"]} mark={mark("contact.phone", !draft.contact.phone)}
              input={{ type: "tel", value: draft.contact.phone, onInput: (e) => setContact("phone", e.currentTarget.value) }} />
            <Field label={t("profile.location")} error={errors["contact.location"]} mark={mark("contact.location", !draft.contact.location)}
              input={{ value: draft.contact.location, onInput: (e) => setContact("location", e.currentTarget.value) }} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("profile.wishes")}</legend>
          <p class="muted">{t("profile.wishesHint")}</p>
          <Field label={t("profile.desiredLocations")} hint={t("common.onePerLine")} error={errors.desiredLocations}
            mark={mark("desiredLocations", !draft.desiredLocations.length)}
            textarea={{ value: draft.desiredLocations.join("\n"), rows: 2,
              onInput: (e) => set("desiredLocations", splitList(e.currentTarget.value)) }} />
          <div class="grid-3">
            <Field label={t("profile.remotePreference")} error={errors.remotePreference} mark={mark("remotePreference", !draft.remotePreference)}
              select={{ value: draft.remotePreference ?? "", onChange: (v) => set("remotePreference", (v || null) as RemotePolicy | null),
                options: [{ value: "", label: t("common.notSaid") },
                  ...(["REMOTE", "HYBRID", "ON_SITE", "ANY"] as const).map((v) => ({ value: v, label: t(`remote.${v}` as MessageKey) }))] }} />
            <Field label={t("profile.salaryExpectation")} error={errors.salaryExpectation} mark={mark("salaryExpectation", draft.salaryExpectation === null)}
              input={{ type: "number", min: 0, step: 1000, inputMode: "numeric", value: draft.salaryExpectation ?? "",
                onInput: (e) => set("salaryExpectation", e.currentTarget.value === "" ? null : Number(e.currentTarget.value)) }} />
            <Field label={t("profile.salaryCurrency")} error={errors.salaryCurrency} hint={t("profile.currencyHint")}
              mark={mark("salaryCurrency", !draft.salaryCurrency)}
              input={{ value: draft.salaryCurrency, maxLength: 3, autocomplete: "off",
                onInput: (e) => set("salaryCurrency", e.currentTarget.value.toUpperCase()) }} />
          </div>
        </fieldset>

        <ListEditor legend={t("profile.skills")} mark={mark("skills", !draft.skills.length)} error={errors.skills}
          items={draft.skills} onChange={(items) => set("skills", items)} empty={{ name: "", level: "", years: null }} table
          columns={[{ key: "name", label: t("profile.skillName") }, { key: "level", label: t("profile.skillLevel") },
            { key: "years", label: t("profile.skillYears"), type: "number" }]} />
        <ListEditor legend={t("profile.experience")} mark={mark("experience", !draft.experience.length)} error={errors.experience}
          items={draft.experience} onChange={(items) => set("experience", items)}
          empty={{ title: "", company: "", location: "", start: "", end: "", description: "" }}
          columns={[{ key: "title", label: t("profile.jobTitle") }, { key: "company", label: t("profile.company") },
            { key: "location", label: t("profile.location") }, { key: "start", label: t("profile.start"), placeholder: "2021-03" },
            { key: "end", label: t("profile.end"), placeholder: t("profile.endPlaceholder") },
            { key: "description", label: t("profile.description"), type: "textarea" }]} />
        <ListEditor legend={t("profile.education")} mark={mark("education", !draft.education.length)} error={errors.education}
          items={draft.education} onChange={(items) => set("education", items)}
          empty={{ institution: "", degree: "", field: "", start: "", end: "" }}
          columns={[{ key: "institution", label: t("profile.institution") }, { key: "degree", label: t("profile.degree") },
            { key: "field", label: t("profile.field") }, { key: "start", label: t("profile.start"), placeholder: "2016" },
            { key: "end", label: t("profile.end"), placeholder: "2019" }]} />
        <ListEditor legend={t("profile.languages")} mark={mark("languages", !draft.languages.length)} error={errors.languages}
          items={draft.languages} onChange={(items) => set("languages", items)} empty={{ name: "", level: "" }} table
          columns={[{ key: "name", label: t("profile.languageName") }, { key: "level", label: t("profile.languageLevel") }]} />
        <ListEditor legend={t("profile.certifications")} mark={mark("certifications", !draft.certifications.length)} error={errors.certifications}
          items={draft.certifications} onChange={(items) => set("certifications", items)} empty={{ name: "", issuer: "", date: "" }}
          columns={[{ key: "name", label: t("profile.certName") }, { key: "issuer", label: t("profile.issuer") },
            { key: "date", label: t("profile.date"), placeholder: "2023-05" }]} />
        <ListEditor legend={t("profile.projects")} mark={mark("projects", !draft.projects.length)} error={errors.projects}
          items={draft.projects} onChange={(items) => set("projects", items)} empty={{ name: "", description: "", url: "" }}
          columns={[{ key: "name", label: t("profile.projectName") }, { key: "url", label: t("profile.url") },
            { key: "description", label: t("profile.description"), type: "textarea" }]} />

        <div class="form-actions sticky-actions">
          <button type="submit" class="btn btn--primary" disabled={saving || !dirty}>
            {saving ? t("common.saving") : t("profile.save")}
          </button>
          {dirty && <span class="muted">{t("profile.unsaved")}</span>}
          {welcome && <a class="btn btn--ghost" href="/searches">{t("profile.nextSearch")}</a>}
        </div>
      </form>
    </div>
  );
}

interface Column {
  key: string;
  label: string;
  type?: "text" | "number" | "textarea";
  placeholder?: string;
}

function ListEditor<T extends Record<string, unknown>>(props: {
  legend: string;
  mark: JSX.Element | null;
  error?: string | undefined;
  items: T[];
  empty: T;
  columns: Column[];
  onChange: (items: T[]) => void;
  // Short entries (a skill, a language) as a table: the labels once above, an entry a line. A CV's forty
  // skills as forms of three labelled fields each made a phone's profile page thousands of pixels long.
  table?: boolean;
}) {
  const update = (index: number, key: string, value: unknown) =>
    props.onChange(props.items.map((item, i) => (i === index ? { ...item, [key]: value } : item)));
  const input = (item: T, index: number, column: Column) => {
    const value = item[column.key];
    return (
      <input aria-label={`${column.label} (${props.legend} ${index + 1})`} type={column.type ?? "text"}
        placeholder={column.placeholder} value={value === null || value === undefined ? "" : String(value)}
        onInput={(e) => update(index, column.key, column.type === "number"
          ? (e.currentTarget.value === "" ? null : Number(e.currentTarget.value))
          : e.currentTarget.value)} />
    );
  };
  const remove = (index: number, label: string) => (
    <button type="button" class="btn btn--ghost btn--small"
      aria-label={t("profile.removeItem", { what: props.legend, n: index + 1 })}
      onClick={() => props.onChange(props.items.filter((_, i) => i !== index))}>{label}</button>
  );
  const add = (
    <button type="button" class="btn btn--small" onClick={() => props.onChange([...props.items, { ...props.empty }])}>
      + {t("profile.addItem", { what: props.legend })}
    </button>
  );
  if (props.table) {
    return (
      <fieldset class="list-editor">
        <legend>{props.legend}{props.mark}</legend>
        {props.error && <p class="field-error" role="alert">{props.error}</p>}
        {props.items.length === 0 && <p class="muted">{t("profile.noneYet")}</p>}
        {props.items.length > 0 && (
          <div class={`list-table list-table--${props.columns.length}`}>
            {/* the inputs carry their own names (aria-label); this row only shows them to the eye */}
            <div class="list-table-head" aria-hidden="true">
              {props.columns.map((column) => <span>{column.label}</span>)}
              <span />
            </div>
            <ol class="list-editor-items">
              {props.items.map((item, index) => (
                <li class="list-table-row">
                  {props.columns.map((column) => input(item, index, column))}
                  {remove(index, "×")}
                </li>
              ))}
            </ol>
          </div>
        )}
        {add}
      </fieldset>
    );
  }
  return (
    <fieldset class="list-editor">
      <legend>{props.legend}{props.mark}</legend>
      {props.error && <p class="field-error" role="alert">{props.error}</p>}
      {props.items.length === 0 && <p class="muted">{t("profile.noneYet")}</p>}
      <ol class="list-editor-items">
        {props.items.map((item, index) => (
          <li class="list-editor-item">
            <div class="list-editor-fields">
              {props.columns.map((column) => {
                const value = item[column.key];
                const label = `${column.label} (${props.legend} ${index + 1})`;
                if (column.type === "textarea") {
                  return (
                    <label class="field field--wide">
                      <span>{column.label}</span>
                      <textarea aria-label={label} rows={2} value={String(value ?? "")}
                        onInput={(e) => update(index, column.key, e.currentTarget.value)} />
                    </label>
                  );
                }
                return (
                  <label class="field">
                    <span>{column.label}</span>
                    {input(item, index, column)}
                  </label>
                );
              })}
            </div>
            {remove(index, t("common.remove"))}
          </li>
        ))}
      </ol>
      {add}
    </fieldset>
  );
}

// What the parser reads (profile_service/cv_files.py): PDF and Word's .docx; pasted text goes through
// profileFromText. Browsers give .docx files various types (or none), so the name decides too.
const CV_FILE_TYPES = "application/pdf,.pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx";
const CV_MEDIA_TYPES = new Set(["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]);

function isCvFile(file: File): boolean {
  const name = file.name.toLowerCase();
  return name.endsWith(".pdf") || name.endsWith(".docx") || CV_MEDIA_TYPES.has(file.type);
}

function CvSection({ profile, onChanged }: { profile: Profile; onChanged: () => void }) {
  const [upload, setUpload] = useState<number | null>(null); // 0..1 while the file travels
  // A file's error shows under the drop zone, a pasted text's in its form: each where the person acted
  // (one place under both put "paste its text below" under the paste form it pointed to).
  const [error, setErrorAt] = useState<{ text: string; from: "file" | "text" } | null>(null);
  const setError = (text: string | null, from: "file" | "text" = "file") => setErrorAt(text === null ? null : { text, from });
  const [overwrite, setOverwrite] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [pasted, setPasted] = useState("");
  const [sendingText, setSendingText] = useState(false);
  const cv = profile.cv;
  const reading = cv?.parseStatus === "QUEUED" || cv?.parseStatus === "RUNNING";

  async function send(file: File) {
    setError(null);
    if (!isCvFile(file)) {
      setError(t("cv.wrongType"));
      return;
    }
    setUpload(0);
    try {
      await api.upload(UploadCvDocument, { file: null as unknown as File, overwrite }, "file", file, setUpload);
      onChanged();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setUpload(null);
      if (input.current) input.current.value = "";
    }
  }

  async function sendText(event: Event) {
    event.preventDefault();
    setError(null);
    if (!pasted.trim()) {
      setError(t("cv.pasteEmpty"), "text");
      return;
    }
    setSendingText(true);
    try {
      await api.request(ProfileFromTextDocument, { text: pasted, overwrite });
      setPasted("");
      onChanged();
    } catch (caught) {
      setError(errorText(caught), "text");
    } finally {
      setSendingText(false);
    }
  }

  async function retry() {
    setError(null);
    try {
      await api.request(ParseCvDocument, { overwrite });
      onChanged();
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files?.[0];
    if (file) void send(file);
  };

  return (
    <section class="card" aria-labelledby="cv-title">
      <h2 id="cv-title">{t("cv.title")}</h2>
      <div class={`dropzone${dragging ? " dropzone--over" : ""}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <p>{t("cv.dropHere")}</p>
        <label class="btn btn--primary file-button">
          {t("cv.choose")}
          <input ref={input} type="file" accept={CV_FILE_TYPES} class="visually-hidden" data-testid="cv-input"
            disabled={upload !== null}
            onChange={(e) => { const file = e.currentTarget.files?.[0]; if (file) void send(file); }} />
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.currentTarget.checked)} />
          {t("cv.overwrite")}
        </label>
      </div>
      {error?.from === "file" && <p class="field-error" role="alert" data-testid="cv-error">{error.text}</p>}
      <details class="cv-paste" data-testid="cv-paste">
        <summary>{t("cv.pasteInstead")}</summary>
        <form onSubmit={(event) => void sendText(event)}>
          <label for="cv-text">{t("cv.pasteLabel")}</label>
          <textarea id="cv-text" rows={10} value={pasted}
            onInput={(event) => setPasted(event.currentTarget.value)} />
          {error?.from === "text" && <p class="field-error" role="alert" data-testid="cv-error">{error.text}</p>}
          <button type="submit" class="btn btn--primary" disabled={sendingText || upload !== null}>
            {sendingText ? t("common.wait") : t("cv.pasteRead")}
          </button>
        </form>
      </details>
      {upload !== null && <Progress value={upload} label={t("cv.uploading", { percent: Math.round(upload * 100) })} />}
      {reading && upload === null && <Progress value={null} label={t("cv.reading")} />}
      {cv ? (
        <p class="cv-status" data-testid="cv-status">
          {t("cv.current", { name: cv.filename, date: formatDate(cv.uploadedAt, true) })}{" "}
          {cv.parseStatus === "DONE" && <span class="badge badge--ok">{t("cv.parsed")}</span>}
          {cv.parseStatus === "FAILED" && (
            <>
              <span class="badge badge--error">{t("cv.failed")}</span> {cv.parseError}{" "}
              <button type="button" class="btn btn--small" onClick={() => void retry()}>{t("common.retry")}</button>
            </>
          )}
        </p>
      ) : (
        <Empty title={t("cv.none")}>
          <p>{t("cv.noneHint")}</p>
        </Empty>
      )}
      {upload === null && <CvGapsNotice profile={profile} />}
    </section>
  );
}
