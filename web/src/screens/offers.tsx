// Offers side by side: one column per offer (highest yearly midpoint first, by currency, as the
// tracker sorts them), one row per figure, so the differences read across.
import type { ComponentChildren } from "preact";
import { OffersDocument, type OffersQuery } from "../gql/graphql";
import { formatDate, formatMoney, formatSalary, t } from "../i18n";
import { Empty, ErrorNote, Loading, PageHeader } from "../ui/kit";
import { useQuery } from "../ui/query";
import { statusName } from "./board";

type Offer = NonNullable<OffersQuery["offerComparison"]>[number];

function yearly(offer: Offer): string {
  const currency = offer.offered?.salary?.currency;
  if (!currency || (offer.annualMin === null && offer.annualMax === null)) return "—";
  const min = offer.annualMin ?? offer.annualMax!;
  const max = offer.annualMax ?? offer.annualMin!;
  return min === max ? formatMoney(min, currency) : `${formatMoney(min, currency)} – ${formatMoney(max, currency)}`;
}

const ROWS: { label: Parameters<typeof t>[0]; value: (offer: Offer) => ComponentChildren }[] = [
  { label: "offers.status", value: (o) => statusName(o.status ?? null) },
  { label: "offers.yearly", value: (o) => <strong>{yearly(o)}</strong> },
  { label: "offers.offered", value: (o) => formatSalary(o.offered?.salary) || "—" },
  { label: "offers.asked", value: (o) => formatSalary(o.asked?.salary) || "—" },
  { label: "offers.advertised", value: (o) => formatSalary(o.advertised?.salary) || "—" },
  { label: "timeline.bonus", value: (o) => o.offer?.bonus || "—" },
  { label: "timeline.equity", value: (o) => o.offer?.equity || "—" },
  { label: "timeline.benefits", value: (o) => o.offer?.benefits || "—" },
  { label: "timeline.respondByLabel", value: (o) => (o.offer?.respondBy ? formatDate(o.offer.respondBy) : "—") },
  { label: "offers.offeredAt", value: (o) => (o.offeredAt ? formatDate(o.offeredAt) : "—") },
];

export function OffersScreen() {
  const query = useQuery(OffersDocument, {}, {
    refetchOn: (e) => e.type === "TIMELINE_EVENT_CHANGED" || e.type === "SALARY_OBSERVATION_CHANGED" || e.type === "CARD_MOVED",
  });
  const offers = query.data?.offerComparison ?? null;
  return (
    <div class="page">
      <a class="back-link" href="/companies">← {t("company.back")}</a>
      <PageHeader title={t("offers.title")} />
      {query.loading && !offers && <Loading />}
      {query.error && <ErrorNote error={query.error} onRetry={() => void query.reload()} />}
      {offers && offers.length === 0 && (
        <Empty title={t("offers.emptyTitle")}><p>{t("offers.emptyHint")}</p><a class="btn btn--primary" href="/board">{t("offers.goBoard")}</a></Empty>
      )}
      {offers && offers.length > 0 && (
        <>
          <p class="muted small">{t("offers.hint")}</p>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t("offers.title")}>
            <table class="table offers-table" data-testid="offers">
              <thead>
                <tr>
                  <td />
                  {offers.map((offer) => (
                    <th scope="col">
                      <a href={`/applications/${offer.applicationId}`}>{offer.title}</a>
                      <span class="muted small offer-company"><a href={`/companies/${offer.companyId}`}>{offer.company}</a></span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ROWS.map((row) => (
                  <tr>
                    <th scope="row">{t(row.label)}</th>
                    {offers.map((offer) => <td>{row.value(offer)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
