// Settings: the language, the calendar subscription URL (shown once, rotate to get a new one), the
// "no response" thresholds, your data out and in (data.tsx), the linked HH.ru account (hh.tsx) and
// personal access tokens (tokens.tsx).
import { useState } from "preact/hooks";
import { api, sessionState, toast } from "../app";
import { CalendarUrlDocument, RotateCalendarDocument } from "../gql/graphql";
import { LOCALES, locale, setLocale, t, type Locale } from "../i18n";
import { errorText, PageHeader } from "../ui/kit";
import { ExportSection, ImportSection, SilenceSection } from "./data";
import { HhSection } from "./hh";
import { AccessTokensSection } from "./tokens";

export function SettingsScreen() {
  const account = sessionState.value;
  return (
    <div class="page">
      <PageHeader title={t("settings.title")} />
      <section class="card" aria-labelledby="account-title">
        <h2 id="account-title">{t("settings.account")}</h2>
        {account.status === "signedIn" && account.email && <p>{t("settings.signedInAs", { email: account.email })}</p>}
        <label for="language">{t("settings.language")}</label>
        <select id="language" value={locale.value} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
          {LOCALES.map((l) => <option value={l.code} lang={l.code}>{l.name}</option>)}
        </select>
      </section>
      <CalendarSection />
      <SilenceSection />
      <ExportSection />
      <ImportSection />
      <HhSection />
      <AccessTokensSection />
    </div>
  );
}

function CalendarSection() {
  const [url, setUrl] = useState<string | null>(null);
  const [alreadyShown, setAlreadyShown] = useState(false);
  const [busy, setBusy] = useState(false);

  async function show() {
    setBusy(true);
    try {
      // The URL is shown once, when it is created; after that it is null and only a new one can be shown.
      const shown = (await api.request(CalendarUrlDocument, {})).calendarUrl;
      if (shown) setUrl(shown);
      else setAlreadyShown(true);
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }

  async function rotate() {
    if (!confirm(t("settings.calendarRotateConfirm"))) return;
    setBusy(true);
    try {
      setUrl((await api.request(RotateCalendarDocument, {})).rotateCalendarUrl);
      setAlreadyShown(false);
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t("settings.calendar")}</h2>
      <p class="muted">{t("settings.calendarHint")}</p>
      {url ? (
        <>
          <label for="calendar-url">{t("settings.calendarUrl")}</label>
          <input id="calendar-url" class="mono" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          <p class="notice">{t("settings.calendarOnce")}</p>
          <button type="button" class="btn btn--small" onClick={() => void navigator.clipboard.writeText(url).then(() => toast(t("application.copied"), "success"))}>{t("application.copy")}</button>
        </>
      ) : alreadyShown ? (
        <p>{t("settings.calendarShown")}</p>
      ) : (
        <button type="button" class="btn" onClick={() => void show()} disabled={busy}>{t("settings.calendarShow")}</button>
      )}
      {(url || alreadyShown) && (
        <div class="button-row">
          <button type="button" class="btn btn--danger" onClick={() => void rotate()} disabled={busy}>{t("settings.calendarRotate")}</button>
        </div>
      )}
    </section>
  );
}
