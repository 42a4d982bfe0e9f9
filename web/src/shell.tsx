// The frame around every screen: the header with navigation and the live-connection state, the
// toasts, and the routes. Signed-out visitors only see the sign-in and sign-up screens.
import { useEffect, useRef, useState } from "preact/hooks";
import { dismissToast, session, sessionState, streamStatus, toasts, useLiveEvents, toast } from "./app";
import type { LiveEvent } from "./api/events";
import { NetworkError } from "./api/graphql";
import type { HhApplyState } from "./gql/graphql";
import { t, tn, type MessageKey } from "./i18n";
import { match, navigate, path } from "./router";
import { AuthScreen } from "./screens/auth";
import { ProfileScreen } from "./screens/profile";
import { SearchesScreen } from "./screens/searches";
import { InboxScreen } from "./screens/inbox";
import { BoardScreen } from "./screens/board";
import { ApplicationScreen } from "./screens/application";
import { StatsScreen } from "./screens/stats";
import { SettingsScreen } from "./screens/settings";
import { HhCallbackScreen, HhQueueScreen, hhStateName } from "./screens/hh";
import { CompaniesScreen, CompanyScreen } from "./screens/companies";
import { OffersScreen } from "./screens/offers";
import { Loading } from "./ui/kit";
import { runTopic } from "./state/toasts";
import { cvParsedToast } from "./ui/cvgaps";

// `short`: the name a phone shows when the full one is long in some language (the bar keeps to two rows).
const NAV: { href: string; key: MessageKey; short?: MessageKey }[] = [
  { href: "/inbox", key: "nav.inbox", short: "nav.inboxShort" },
  { href: "/board", key: "nav.board" },
  { href: "/companies", key: "nav.companies" },
  { href: "/searches", key: "nav.searches" },
  { href: "/profile", key: "nav.profile" },
  { href: "/stats", key: "nav.stats", short: "nav.statsShort" },
  { href: "/settings", key: "nav.settings" },
];

const PUBLIC_PATHS = ["/signin", "/signup"];

// Where to go once signed in, when it is not the inbox (a new account starts with onboarding).
let landing: string | null = null;
export function landAfterSignIn(path: string): void {
  landing = path;
}

export function App() {
  const state = sessionState.value;
  const current = path.value;
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    session.restore().catch((error) => {
      // The gateway is unreachable: say so, and try again when the browser is back online.
      if (error instanceof NetworkError) setOffline(true);
    });
  }, []);

  useEffect(() => {
    if (state.status === "signedOut" && !PUBLIC_PATHS.includes(current)) {
      // The query goes along: /hh/callback's code and state must survive a sign-in.
      const next = current === "/" ? "" : `?next=${encodeURIComponent(current + location.search)}`;
      navigate(`/signin${next}`, { replace: true });
    }
    if (state.status === "signedIn" && (PUBLIC_PATHS.includes(current) || current === "/")) {
      const next = landing ?? new URLSearchParams(location.search).get("next");
      landing = null;
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/inbox", { replace: true });
    }
  }, [state.status, current]);

  useLiveEvents(notify);

  if (state.status === "unknown") {
    return (
      <main id="main" class="boot">
        {offline ? <p role="alert">{t("error.network")}</p> : <Loading />}
      </main>
    );
  }
  if (state.status === "signedOut") {
    return (
      <>
        <main id="main" class="auth-page">
          <AuthScreen mode={current === "/signup" ? "signup" : "signin"} reason={state.reason} />
        </main>
        <Toasts />
      </>
    );
  }
  return (
    <>
      <a class="skip-link" href="#main">{t("nav.skip")}</a>
      <Header current={current} />
      <main id="main" tabIndex={-1}>
        <Screen current={current} />
      </main>
      <Toasts />
    </>
  );
}

function Screen({ current }: { current: string }) {
  const focusTarget = useRef(current);
  useEffect(() => {
    // Moving between screens puts keyboard and screen-reader focus on the new screen's title.
    if (focusTarget.current !== current) {
      focusTarget.current = current;
      (document.querySelector("main h1") as HTMLElement | null)?.focus();
    }
    const title = document.querySelector("main h1")?.textContent;
    document.title = title ? `${title} · JobMate` : "JobMate";
  });
  let params: Record<string, string> | null;
  if (current === "/profile" || current === "/welcome") return <ProfileScreen welcome={current === "/welcome"} />;
  if (current === "/searches") return <SearchesScreen />;
  if ((params = match("/searches/:id", current))) return <SearchesScreen selected={params.id!} />;
  if (current === "/inbox") return <InboxScreen />;
  if ((params = match("/inbox/:id", current))) return <InboxScreen selected={params.id!} />;
  if (current === "/board") return <BoardScreen />;
  if ((params = match("/applications/:id", current))) return <ApplicationScreen id={params.id!} />;
  if (current === "/companies") return <CompaniesScreen />;
  if ((params = match("/companies/:id", current))) return <CompanyScreen id={params.id!} />;
  if (current === "/offers") return <OffersScreen />;
  if (current === "/stats") return <StatsScreen />;
  if (current === "/settings") return <SettingsScreen />;
  if (current === "/hh/callback") return <HhCallbackScreen />;
  if (current === "/hh/applies") return <HhQueueScreen />;
  return (
    <div class="page">
      <h1 tabIndex={-1}>{t("notFound.title")}</h1>
      <p><a href="/inbox">{t("notFound.back")}</a></p>
    </div>
  );
}

function Header({ current }: { current: string }) {
  const status = streamStatus.value;
  const account = sessionState.value;
  return (
    <header class="app-header">
      <a class="brand" href="/inbox" aria-label={t("nav.home")}>
        <span class="brand-mark" aria-hidden="true">✓</span> JobMate
      </a>
      <nav aria-label={t("nav.label")} class="app-nav">
        <ul class="nav">
          {NAV.map((item) => {
            const active = current === item.href || current.startsWith(`${item.href}/`)
              || (item.href === "/board" && current.startsWith("/applications/"))
              || (item.href === "/profile" && current === "/welcome")
              || (item.href === "/settings" && current.startsWith("/hh/"))
              || (item.href === "/companies" && current === "/offers");
            const full = t(item.key), short = item.short ? t(item.short) : full;
            return (
              <li>
                <a href={item.href} aria-current={active ? "page" : undefined}>
                  {short === full ? full : <><span class="nav-full">{full}</span><span class="nav-short" aria-hidden="true">{short}</span></>}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <div class="app-session">
        <span class={`live live--${status}`} role="status" aria-live="polite">
          {status === "live" ? t("live.on") : status === "reconnecting" ? t("live.reconnecting") : t("live.connecting")}
        </span>
        <button type="button" class="btn btn--ghost btn--small" onClick={() => void session.signOut()}
          title={account.status === "signedIn" && account.email ? account.email : undefined}>
          {t("nav.signOut")}
        </button>
      </div>
    </header>
  );
}

function Toasts() {
  return (
    <div class="toasts" role="region" aria-label={t("toast.region")}>
      <div aria-live="polite">
        {toasts.value.map((item) => (
          <div class={`toast toast--${item.kind}`} key={item.id}>
            {item.href ? <a href={item.href} onClick={() => dismissToast(item.id)}>{item.text}</a> : <span>{item.text}</span>}
            <button type="button" class="toast-close" aria-label={t("toast.dismiss")} onClick={() => dismissToast(item.id)}>×</button>
          </div>
        ))}
      </div>
    </div>
  );
}

/** A toast for each live event worth telling the user about, wherever they are in the app. */
function notify(event: LiveEvent): void {
  switch (event.type) {
    case "CV_PARSED": {
      const { text, kind } = cvParsedToast(event);
      toast(text, kind, "/profile");
      break;
    }
    case "JOB_DISCOVERED":
      toast(tn("toast.jobsDiscovered", Number(event.count ?? 0)), "info", "/inbox",
        event.searchConfigId ? runTopic(String(event.searchConfigId)) : undefined);
      break;
    case "ANALYSIS_DONE": {
      const posting = { title: String(event.title ?? ""), company: String(event.company ?? "") };
      if (event.ok) toast(t("toast.analysisDone", { ...posting, score: Number(event.score ?? 0) }), "success", `/applications/${String(event.applicationId)}`);
      else toast(t("toast.analysisFailed", { ...posting, reason: String(event.reason ?? "") }), "error", `/applications/${String(event.applicationId)}`);
      break;
    }
    case "FOLLOW_UP_DUE":
      toast(t("toast.followUpDue", { title: String(event.title ?? ""), company: String(event.company ?? "") }), "info",
        `/applications/${String(event.applicationId)}`);
      break;
    case "DISCOVERY_RUN_PROGRESS":
      if (event.status && event.status !== "RUNNING") {
        toast(tn("toast.runFinished", Number(event.newCount ?? 0)), event.status === "FAILED" ? "error" : "info",
          `/searches/${String(event.searchConfigId)}`, runTopic(String(event.searchConfigId)));
      }
      break;
    case "HH_APPLY_CHANGED":
      if (event.state && event.state !== "QUEUED" && event.state !== "SENDING") {
        toast(t("toast.hhApplyChanged", { state: hhStateName(event.state as HhApplyState) }),
          event.state === "APPLIED" ? "success" : "error", `/applications/${String(event.applicationId)}`);
      }
      break;
    case "NO_RESPONSE":
      toast(t("toast.noResponse", { company: String(event.company ?? ""), title: String(event.title ?? ""), days: Number(event.thresholdDays ?? 0) }),
        "info", `/applications/${String(event.applicationId)}`);
      break;
    case "COMMAND_FAILED":
      toast(t("toast.commandFailed", { reason: String(event.reason ?? "") }), "error");
      break;
    default:
      break;
  }
}
