// The funnel: how many applications reached each column, drawn as bars, and the conversion between
// stages with the median time it took.
import { StatsDocument } from "../gql/graphql";
import { formatNumber, t, tn } from "../i18n";
import { BOARD_ORDER } from "../state/moves";
import { Empty, ErrorNote, Loading, PageHeader } from "../ui/kit";
import { useQuery } from "../ui/query";
import { statusName } from "./board";

export function StatsScreen() {
  const query = useQuery(StatsDocument, {}, { refetchOn: (e) => e.type === "CARD_MOVED" });
  const stats = query.data?.funnelStats;
  const counts = new Map((stats?.countsByStatus ?? []).map((c) => [c.status, c.count]));
  const max = Math.max(1, ...counts.values());
  return (
    <div class="page">
      <PageHeader title={t("stats.title")} />
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
                      <td>{c.medianDays === null ? "—" : tn("stats.days", Math.round(c.medianDays * 10) / 10)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </div>
  );
}
