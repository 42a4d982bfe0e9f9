// Companies: the list (most recent activity first, or by name) and one company's view: its
// applications, the timeline of all of them together, its last activity, its contacts and details.
import { useEffect, useState } from "preact/hooks";
import { api, toast } from "../app";
import { fieldOf } from "../api/graphql";
import {
  CompaniesDocument,
  CompanyDocument,
  CreateCompanyDocument,
  CreateContactDocument,
  DeleteCompanyDocument,
  DeleteContactDocument,
  UpdateCompanyDocument,
  UpdateContactDocument,
  type CompaniesQuery,
  type CompanySort,
  type CompanySummaryFieldsFragment,
  type ContactFieldsFragment,
} from "../gql/graphql";
import { formatDate, t, tn } from "../i18n";
import { navigate } from "../router";
import { daysSince, isUpcoming } from "../state/crm";
import { Empty, ErrorNote, errorText, Field, Loading, PageHeader } from "../ui/kit";
import { useQuery } from "../ui/query";
import { Score, statusName } from "./board";
import { TimelineList, type TimelineEntry } from "./timeline";

const PAGE = 30;
const CRM_EVENTS = new Set(["COMPANY_CHANGED", "TIMELINE_EVENT_CHANGED", "CONTACT_CHANGED", "CARD_MOVED", "NO_RESPONSE", "DATA_IMPORTED"]);

export function CompaniesScreen() {
  const [sort, setSort] = useState<CompanySort>("LAST_ACTIVITY_DESC" as CompanySort);
  const query = useQuery(CompaniesDocument, { first: PAGE, after: null, sort }, { refetchOn: (e) => CRM_EVENTS.has(e.type) });
  const [more, setMore] = useState<CompanySummaryFieldsFragment[]>([]);
  const [next, setNext] = useState<{ cursor: string | null; has: boolean }>({ cursor: null, has: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const [adding, setAdding] = useState(false);
  const page = query.data?.companies;
  useEffect(() => {
    setMore([]);
    setNext({ cursor: page?.pageInfo.endCursor ?? null, has: page?.pageInfo.hasNextPage ?? false });
  }, [page]);
  const companies = [...(page?.nodes ?? []), ...more];

  async function loadMore() {
    setLoadingMore(true);
    try {
      const result: CompaniesQuery = await api.request(CompaniesDocument, { first: PAGE, after: next.cursor, sort });
      setMore((current) => [...current, ...(result.companies?.nodes ?? [])]);
      setNext({ cursor: result.companies?.pageInfo.endCursor ?? null, has: result.companies?.pageInfo.hasNextPage ?? false });
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div class="page">
      <PageHeader title={t("companies.title")}>
        <a class="btn" href="/offers">{t("offers.compare")}</a>
        {!adding && <button type="button" class="btn btn--primary" onClick={() => setAdding(true)}>{t("companies.add")}</button>}
      </PageHeader>
      {adding && <NewCompany onDone={() => setAdding(false)} />}
      {query.error && <ErrorNote error={query.error} onRetry={() => void query.reload()} />}
      {query.loading && !page && <Loading />}
      {page && companies.length === 0 && (
        <Empty title={t("companies.emptyTitle")}>
          <p>{t("companies.emptyHint")}</p>
          <a class="btn btn--primary" href="/inbox">{t("board.goInbox")}</a>
        </Empty>
      )}
      {companies.length > 0 && (
        <>
          <div class="list-toolbar">
            <p class="muted small">{tn("companies.count", page?.pageInfo.totalCount ?? companies.length)}</p>
            <label class="inline-select">
              <span>{t("companies.sort")}</span>
              <select value={sort} onChange={(e) => setSort(e.currentTarget.value as CompanySort)}>
                <option value="LAST_ACTIVITY_DESC">{t("companies.sortActivity")}</option>
                <option value="NAME_ASC">{t("companies.sortName")}</option>
              </select>
            </label>
          </div>
          <ul class="plain-list company-list" data-testid="companies">
            {companies.map((company) => <CompanyRow company={company} />)}
          </ul>
          {next.has && (
            <button type="button" class="btn btn--block" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? t("common.loading") : t("inbox.more")}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function CompanyRow({ company }: { company: CompanySummaryFieldsFragment }) {
  return (
    <li class="company-row" data-testid="company-row">
      <a class="company-name" href={`/companies/${company.id}`}>{company.name}</a>
      <span class="muted small">
        {tn("companies.applications", company.applicationCount)}
        {company.openApplicationCount !== company.applicationCount ? ` · ${tn("companies.open", company.openApplicationCount)}` : ""}
      </span>
      <span class="muted small">
        {activityText(company.lastActivityAt, false)}
      </span>
      {company.noResponseCount > 0 && <span class="badge badge--silent">{tn("companies.silent", company.noResponseCount)}</span>}
    </li>
  );
}

/** "Last activity 2 Dec (4 days ago)", or the next one when it is scheduled (an interview to come). */
function activityText(iso: string | null | undefined, long: boolean): string {
  if (!iso) return t("companies.noActivity");
  const now = new Date();
  const date = formatDate(iso, long);
  if (isUpcoming(iso, now)) return t("companies.nextActivity", { date });
  const days = daysSince(iso, now) ?? 0;
  return long && days > 0 ? t("company.lastActivity", { date, days: tn("stats.days", days) }) : t("companies.lastActivity", { date });
}

function NewCompany({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("");
  const [website, setWebsite] = useState("");
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    if (!name.trim()) {
      setError({ field: "name", text: t("companies.nameRequired") });
      return;
    }
    setBusy(true);
    try {
      const created = (await api.request(CreateCompanyDocument, { input: { name: name.trim(), website: website.trim() } })).createCompany;
      toast(t("companies.created", { name: created.name }), "success");
      onDone();
      navigate(`/companies/${created.id}`);
    } catch (caught) {
      setError({ field: fieldOf(caught, { name: "name", website: "website" }) ?? "name", text: errorText(caught) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-company-title" noValidate>
      <h2 id="new-company-title">{t("companies.add")}</h2>
      <div class="grid-2">
        <Field label={t("companies.name")} error={error?.field === "name" ? error.text : null}
          input={{ value: name, onInput: (e) => setName(e.currentTarget.value), required: true, autoFocus: true }} />
        <Field label={t("companies.website")} error={error?.field === "website" ? error.text : null}
          input={{ type: "url", value: website, onInput: (e) => setWebsite(e.currentTarget.value) }} />
      </div>
      <div class="button-row">
        <button type="submit" class="btn btn--primary btn--small" disabled={busy}>{t("companies.create")}</button>
        <button type="button" class="btn btn--ghost btn--small" onClick={onDone}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}

// --- one company -------------------------------------------------------------------------------------------

export function CompanyScreen({ id }: { id: string }) {
  const query = useQuery(CompanyDocument, { id, timelineAfter: null }, {
    refetchOn: (e) => CRM_EVENTS.has(e.type) && (e.companyId === id || e.type === "CARD_MOVED" || e.type === "DATA_IMPORTED"),
  });
  const [olderEvents, setOlderEvents] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<{ after: string | null; has: boolean }>({ after: null, has: false });
  const company = query.data?.company;
  useEffect(() => {
    setOlderEvents([]);
    setCursor({ after: company?.timeline.pageInfo.endCursor ?? null, has: company?.timeline.pageInfo.hasNextPage ?? false });
  }, [company]);

  if (query.loading && !company) return <div class="page"><PageHeader title={t("company.title")} /><Loading /></div>;
  if (query.error && !company) {
    return <div class="page"><PageHeader title={t("company.title")} /><ErrorNote error={query.error} onRetry={() => void query.reload()} /></div>;
  }
  if (!company) return null;
  const contacts = company.contacts.nodes;
  const applications = company.applications.nodes;

  async function olderTimeline() {
    try {
      const result = await api.request(CompanyDocument, { id, timelineAfter: cursor.after });
      const page = result.company?.timeline;
      setOlderEvents((current) => [...current, ...(page?.nodes ?? [])]);
      setCursor({ after: page?.pageInfo.endCursor ?? null, has: page?.pageInfo.hasNextPage ?? false });
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  return (
    <div class="page">
      <a class="back-link" href="/companies">← {t("company.back")}</a>
      <PageHeader title={company.name}>
        {company.noResponseCount > 0 && <span class="badge badge--silent">{tn("companies.silent", company.noResponseCount)}</span>}
      </PageHeader>
      <p class="job-meta" data-testid="company-meta">
        {activityText(company.lastActivityAt, true)}
        {company.website && <> · <a href={company.website} target="_blank" rel="noopener noreferrer">{t("company.website")}</a></>}
        {company.careersUrl && <> · <a href={company.careersUrl} target="_blank" rel="noopener noreferrer">{t("company.careers")}</a></>}
        {company.board && <> · {t("company.board", { board: company.board })}</>}
      </p>
      <div class="detail-grid">
        <div class="detail-main">
          <section class="card" aria-labelledby="company-apps-title">
            <h2 id="company-apps-title">{tn("company.applications", company.applicationCount)}</h2>
            {applications.length === 0 ? <p class="muted">{t("company.noApplications")}</p> : (
              <ul class="plain-list company-apps" data-testid="company-applications">
                {applications.map((app) => (
                  <li class="company-app">
                    <a href={`/applications/${app.id}`}>{app.job.title}</a>
                    <span class="badge badge--status">{statusName(app.status)}</span>
                    <Score card={app} />
                    {app.noResponse && <span class="badge badge--silent">{t("board.noResponse")}</span>}
                    {app.interviewAt && <span class="muted small">{t("application.interviewOn", { date: formatDate(app.interviewAt, true) })}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="company-timeline-title">
            <h2 id="company-timeline-title">{t("timeline.title")}</h2>
            <p class="muted small">{t("company.timelineHint")}</p>
            <TimelineList events={[...company.timeline.nodes, ...olderEvents]} contacts={contacts} showApplication
              onChanged={() => void query.reload(true)} testId="company-timeline" />
            {cursor.has && <button type="button" class="btn btn--small" onClick={() => void olderTimeline()}>{t("timeline.older")}</button>}
          </section>
        </div>
        <aside class="detail-side">
          <ContactsCard companyId={company.id} contacts={contacts} onChanged={() => void query.reload(true)} />
          <CompanyDetails company={company} canDelete={company.applicationCount === 0} onChanged={() => void query.reload(true)} />
        </aside>
      </div>
    </div>
  );
}

type ContactDraft = Record<"name" | "role" | "email" | "phone" | "profileUrl" | "notes", string>;
const EMPTY_CONTACT: ContactDraft = { name: "", role: "", email: "", phone: "", profileUrl: "", notes: "" };

function ContactsCard({ companyId, contacts, onChanged }: { companyId: string; contacts: ContactFieldsFragment[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | "new" | null>(null);
  async function remove(contact: ContactFieldsFragment) {
    if (!confirm(t("contacts.confirmDelete", { name: contact.name }))) return;
    try {
      await api.request(DeleteContactDocument, { id: contact.id });
      onChanged();
    } catch (error) {
      toast(errorText(error), "error");
    }
  }
  return (
    <section class="card" aria-labelledby="contacts-title">
      <div class="card-header">
        <h2 id="contacts-title">{t("contacts.title")}</h2>
        {editing !== "new" && <button type="button" class="btn btn--small" onClick={() => setEditing("new")}>{t("contacts.add")}</button>}
      </div>
      {editing === "new" && <ContactForm companyId={companyId} onDone={(saved) => { setEditing(null); if (saved) onChanged(); }} />}
      {contacts.length === 0 && editing !== "new" && <p class="muted">{t("contacts.empty")}</p>}
      <ul class="plain-list contacts" data-testid="contacts">
        {contacts.map((contact) => (
          <li class="contact">
            {editing === contact.id ? (
              <ContactForm companyId={companyId} contact={contact} onDone={(saved) => { setEditing(null); if (saved) onChanged(); }} />
            ) : (
              <>
                <p class="contact-name">{contact.name}{contact.role && <span class="muted"> · {contact.role}</span>}</p>
                {contact.email && <p class="small"><a href={`mailto:${contact.email}`}>{contact.email}</a></p>}
                {contact.phone && <p class="small"><a href={`tel:${contact.phone}`}>{contact.phone}</a></p>}
                {contact.profileUrl && <p class="small"><a href={contact.profileUrl} target="_blank" rel="noopener noreferrer">{t("contacts.profile")}</a></p>}
                {contact.notes && <p class="small note-body">{contact.notes}</p>}
                <p class="small">
                  <button type="button" class="link-button" onClick={() => setEditing(contact.id)}
                    aria-label={t("contacts.editOne", { name: contact.name })}>{t("common.edit")}</button>{" "}
                  <button type="button" class="link-button" onClick={() => void remove(contact)}
                    aria-label={t("contacts.deleteOne", { name: contact.name })}>{t("common.delete")}</button>
                </p>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const CONTACT_FIELDS: { key: keyof ContactDraft; label: Parameters<typeof t>[0]; type?: string }[] = [
  { key: "name", label: "contacts.name" },
  { key: "role", label: "contacts.role" },
  { key: "email", label: "contacts.email", type: "email" },
  { key: "phone", label: "contacts.phone", type: "tel" },
  { key: "profileUrl", label: "contacts.profileUrl", type: "url" },
];

function ContactForm({ companyId, contact, onDone }: { companyId: string; contact?: ContactFieldsFragment; onDone: (saved: boolean) => void }) {
  const [draft, setDraft] = useState<ContactDraft>(contact
    ? { name: contact.name, role: contact.role, email: contact.email, phone: contact.phone, profileUrl: contact.profileUrl, notes: contact.notes }
    : EMPTY_CONTACT);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    if (!draft.name.trim()) {
      setError({ field: "name", text: t("timeline.required") });
      return;
    }
    setBusy(true);
    try {
      if (contact) await api.request(UpdateContactDocument, { id: contact.id, input: draft });
      else await api.request(CreateContactDocument, { companyId, input: draft });
      onDone(true);
    } catch (caught) {
      const field = fieldOf(caught, { name: "name", role: "role", email: "email", phone: "phone", profile_url: "profileUrl", notes: "notes" });
      setError({ field: field ?? "name", text: errorText(caught) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="contact-form" onSubmit={submit} noValidate aria-label={contact ? t("contacts.editOne", { name: contact.name }) : t("contacts.add")}>
      {CONTACT_FIELDS.map((f) => (
        <Field label={t(f.label)} error={error?.field === f.key ? error.text : null}
          input={{ type: f.type ?? "text", value: draft[f.key], required: f.key === "name",
            onInput: (e) => setDraft({ ...draft, [f.key]: e.currentTarget.value }) }} />
      ))}
      <Field label={t("contacts.notes")} error={error?.field === "notes" ? error.text : null}
        textarea={{ rows: 2, value: draft.notes, onInput: (e) => setDraft({ ...draft, notes: e.currentTarget.value }) }} />
      <div class="button-row">
        <button type="submit" class="btn btn--primary btn--small" disabled={busy}>{t("common.save")}</button>
        <button type="button" class="btn btn--ghost btn--small" onClick={() => onDone(false)}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}

function CompanyDetails({ company, canDelete, onChanged }: {
  company: CompanySummaryFieldsFragment & { boardToken: string }; canDelete: boolean; onChanged: () => void;
}) {
  const initial = { name: company.name, website: company.website, careersUrl: company.careersUrl, notes: company.notes };
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft({ name: company.name, website: company.website, careersUrl: company.careersUrl, notes: company.notes }),
    [company.name, company.website, company.careersUrl, company.notes]);
  const changed = JSON.stringify(draft) !== JSON.stringify(initial);

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.request(UpdateCompanyDocument, { id: company.id, input: draft });
      toast(t("company.saved"), "success");
      onChanged();
    } catch (caught) {
      const field = fieldOf(caught, { name: "name", website: "website", careers_url: "careersUrl", notes: "notes" });
      setError({ field: field ?? "name", text: errorText(caught) });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(t("company.confirmDelete", { name: company.name }))) return;
    try {
      await api.request(DeleteCompanyDocument, { id: company.id });
      navigate("/companies");
    } catch (caught) {
      toast(errorText(caught), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="company-details-title">
      <h2 id="company-details-title">{t("company.details")}</h2>
      <form onSubmit={save}>
        <Field label={t("companies.name")} error={error?.field === "name" ? error.text : null}
          input={{ value: draft.name, required: true, onInput: (e) => setDraft({ ...draft, name: e.currentTarget.value }) }} />
        <Field label={t("companies.website")} error={error?.field === "website" ? error.text : null}
          input={{ type: "url", value: draft.website, onInput: (e) => setDraft({ ...draft, website: e.currentTarget.value }) }} />
        <Field label={t("company.careersUrl")} error={error?.field === "careersUrl" ? error.text : null}
          input={{ type: "url", value: draft.careersUrl, onInput: (e) => setDraft({ ...draft, careersUrl: e.currentTarget.value }) }} />
        <Field label={t("company.notes")} error={error?.field === "notes" ? error.text : null}
          textarea={{ rows: 3, value: draft.notes, onInput: (e) => setDraft({ ...draft, notes: e.currentTarget.value }) }} />
        <div class="button-row">
          <button type="submit" class="btn btn--small btn--primary" disabled={busy || !changed}>{t("common.save")}</button>
          {canDelete && <button type="button" class="btn btn--small btn--danger" onClick={() => void remove()}>{t("company.delete")}</button>}
        </div>
      </form>
    </section>
  );
}
