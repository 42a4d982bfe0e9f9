// The funnel: how many applications reached each column, drawn as bars, and the conversion between
// stages with the median time it took.
import { StatsDocument, type ApplicationStatus } from "../gql/graphql";
import { formatNumber, t, tn } from "../i18n";
import { BOARD_ORDER } from "../state/moves";
import { responseLine } from "../state/stats";
import { Empty, ErrorNote, Loading, PageHeader } from "../ui/kit";
import { useQuery } from "../ui/query";
import { statusName } from "./board";

export function StatsScreen() {
  const query = useQuery(StatsDocument, {}, {
    refetchOn: (e) => e.type === "CARD_MOVED" || e.type === "NO_RESPONSE" || e.type === "TIMELINE_EVENT_CHANGED" || e.type === "DATA_IMPORTED",
  });
  const stats = query.data?.funnelStats;
  const counts = new Map((stats?.countsByStatus ?? []).map((c) => [c.status, c.count]));
  const max = Math.max(1, ...counts.values());
  return (
    <div class="page">
      <PageHeader title={t("stats.title")}><a class="btn" href="/offers">{t("offers.compare")}</a></PageHeader>
      {query.loading && !stats && <Loading />}
      {query.error && <ErrorNote error={query.error} onRetry={() => void query.reload()} />}
      {stats && stats.total === 0 && (
        <Empty title={t("stats.emptyTitle")}><p>{t("stats.emptyHint")}</p><a class="btn btn--primary" href="/inbox">{t("board.goInbox")}</a></Empty>
      )}
      {stats && stats.total > 0 && (
        <>
          <section class="card" aria-labelledby="funnel-title">
            <h2 id="funnel-title">{tn("stats.total", stats.total)}</h2>
            <figure class="funnel" aria-label={t("stats.chartLabel")}>
              <table class="funnel-table">
                <caption class="visually-hidden">{t("stats.chartLabel")}</caption>
                <tbody>
                  {BOARD_ORDER.map((status) => {
                    const count = counts.get(status) ?? 0;
                    return (
                      <tr>
                        <th scope="row">{statusName(status)}</th>
                        <td class="funnel-bar-cell">
                          <svg class="funnel-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect x="0" y="0" width={(count / max) * 100} height="10" class={`bar bar--${status.toLowerCase()}`} />
                          </svg>
                        </td>
                        <td class="funnel-count">{count}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </figure>
          </section>
          <section class="card" aria-labelledby="response-title" data-testid="response">
            <h2 id="response-title">{t("stats.response")}</h2>
            {stats.response.applied === 0 ? <p class="muted">{t("stats.noApplied")}</p> : (
              <>
                <p>{responseLine(stats.response)}</p>
                {stats.response.medianDaysToResponse !== null && (
                  <p class="small">{t("stats.responseMedian", { days: days(stats.response.medianDaysToResponse) })}</p>
                )}
              </>
            )}
            {stats.noResponseCount > 0 && (
              <p class="notice notice--warn" data-testid="stats-silent">
                {tn("stats.silent", stats.noResponseCount)} <a href="/board">{t("offers.goBoard")}</a>
              </p>
            )}
          </section>
          {stats.conversions.length > 0 && (
            <section class="card" aria-labelledby="conversions-title">
              <h2 id="conversions-title">{t("stats.conversions")}</h2>
              <table class="table">
                <thead><tr><th scope="col">{t("stats.stage")}</th><th scope="col">{t("stats.rate")}</th><th scope="col">{t("stats.median")}</th></tr></thead>
                <tbody>
                  {stats.conversions.map((c) => (
                    <tr>
                      <td>{statusName(c.fromStatus)} → {statusName(c.toStatus)}</td>
                      <td>{formatNumber(c.rate, { style: "percent", maximumFractionDigits: 0 })}</td>
                      <td>{c.medianDays === null ? "—" : days(c.medianDays)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {stats.bySource.length > 1 && (
            <section class="card" aria-labelledby="by-source-title">
              <h2 id="by-source-title">{t("stats.bySource")}</h2>
              <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="by-source-title">
                <table class="table table--stack" data-testid="by-source">
                  <thead>
                    <tr>
                      <th scope="col">{t("stats.source")}</th><th scope="col">{t("stats.applications")}</th>
                      <th scope="col">{statusName("TO_APPLY" as ApplicationStatus)} → {statusName("APPLIED" as ApplicationStatus)}</th>
                      <th scope="col">{statusName("APPLIED" as ApplicationStatus)} → {statusName("INTERVIEW" as ApplicationStatus)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.bySource.map((row) => (
                      <tr>
                        <th scope="row">{row.source}</th>
                        <td data-label={t("stats.applications")}>{row.total}</td>
                        <td data-label={`${statusName("TO_APPLY" as ApplicationStatus)} → ${statusName("APPLIED" as ApplicationStatus)}`}>
                          {rate(row.conversions, "TO_APPLY", "APPLIED")}</td>
                        <td data-label={`${statusName("APPLIED" as ApplicationStatus)} → ${statusName("INTERVIEW" as ApplicationStatus)}`}>
                          {rate(row.conversions, "APPLIED", "INTERVIEW")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          {stats.timeInStage.some((row) => row.completed || row.current) && (
            <section class="card" aria-labelledby="stage-time-title">
              <h2 id="stage-time-title">{t("stats.timeInStage")}</h2>
              <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="stage-time-title">
                <table class="table table--stack" data-testid="time-in-stage">
                  <thead>
                    <tr>
                      <th scope="col">{t("stats.stage")}</th><th scope="col">{t("stats.ended")}</th><th scope="col">{t("stats.endedMedian")}</th>
                      <th scope="col">{t("stats.current")}</th><th scope="col">{t("stats.currentMedian")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.timeInStage.filter((row) => row.completed || row.current).map((row) => (
                      <tr>
                        <th scope="row">{statusName(row.status)}</th>
                        <td data-label={t("stats.ended")}>{row.completed}</td>
                        <td data-label={t("stats.endedMedian")}>{row.medianDays === null ? "—" : days(row.medianDays)}</td>
                        <td data-label={t("stats.current")}>{row.current}</td>
                        <td data-label={t("stats.currentMedian")}>{row.currentMedianDays === null ? "—" : days(row.currentMedianDays)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function rate(conversions: { fromStatus: ApplicationStatus | null; toStatus: ApplicationStatus | null; rate: number }[],
              from: string, to: string): string {
  const found = conversions.find((c) => c.fromStatus === from && c.toStatus === to);
  return found ? formatNumber(found.rate, { style: "percent", maximumFractionDigits: 0 }) : "—";
}

function days(value: number): string {
  return tn("stats.days", Math.round(value * 10) / 10);
}
