// The board: Kanban columns with drag and drop by pointer (mouse, pen, touch) and by keyboard
// (Space to pick a card up, arrows to choose a column, Space to drop, Escape to cancel), plus a
// "move to" menu on every card. A drop the transition table forbids is refused with the allowed
// columns named; a stale move (the card changed elsewhere) is reconciled, not lost (state/moves.ts).
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, toast } from "../app";
import {
  BoardDocument,
  CardDocument,
  MoveCardDocument,
  ReopenDocument,
  type ApplicationStatus,
  type CardFieldsFragment,
} from "../gql/graphql";
import { formatDate, t, tn, type MessageKey } from "../i18n";
import { navigate } from "../router";
import {
  BOARD_ORDER,
  canMove,
  isClosed,
  moveLocally,
  performMove,
  placeCard,
  targetsOf,
  type MoveApi,
  type MoveOutcome,
} from "../state/moves";
import { daysSince } from "../state/crm";
import { Empty, ErrorNote, errorText, Loading, PageHeader } from "../ui/kit";
import { useQuery } from "../ui/query";

type Card = CardFieldsFragment;
type Columns = Map<ApplicationStatus, Card[]>;

export const statusName = (status: ApplicationStatus | null) => (status ? t(`status.${status}` as MessageKey) : "");

const moveApi: MoveApi<Card> = {
  async move(card, to, expectedVersion) {
    if (isClosed(card.status)) return (await api.request(ReopenDocument, { id: card.id, to, version: expectedVersion })).reopenApplication;
    return (await api.request(MoveCardDocument, { id: card.id, to, version: expectedVersion })).moveCard;
  },
  async fetch(id) {
    return (await api.request(CardDocument, { id })).application;
  },
};

export function BoardScreen() {
  const board = useQuery(BoardDocument, { perColumn: 50 }, {
    refetchOn: (event) => event.type === "CARD_MOVED" || event.type === "ANALYSIS_DONE" || event.type === "NO_RESPONSE"
      || (event.type === "TIMELINE_EVENT_CHANGED" && event.noResponseCleared === true) || event.type === "DATA_IMPORTED",
  });
  const [columns, setColumns] = useState<Columns>(new Map());
  const [counts, setCounts] = useState<Map<ApplicationStatus, number>>(new Map());
  const [silent, setSilent] = useState<Map<ApplicationStatus, number>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [lifted, setLifted] = useState<{ card: Card; target: ApplicationStatus } | null>(null);
  const [over, setOver] = useState<ApplicationStatus | null>(null);
  const pending = useRef(0); // moves in flight: a refetch must not undo their optimistic state

  useEffect(() => {
    const data = board.data?.board;
    if (!data || pending.current > 0) return;
    setColumns(new Map(data.columns.filter((c) => c.status).map((c) => [c.status!, c.cards])));
    setCounts(new Map(data.columns.filter((c) => c.status).map((c) => [c.status!, c.count])));
    setSilent(new Map(data.columns.filter((c) => c.status).map((c) => [c.status!, c.noResponseCount])));
  }, [board.data]);

  const total = useMemo(() => [...counts.values()].reduce((a, b) => a + b, 0), [counts]);

  function explainRefusal(card: Card, to: ApplicationStatus, allowed: ApplicationStatus[]) {
    const text = allowed.length
      ? t("board.refused", { from: statusName(card.status), to: statusName(to), allowed: allowed.map(statusName).join(", ") })
      : t("board.refusedNone", { from: statusName(card.status) });
    setMessage(text);
  }

  async function drop(card: Card, to: ApplicationStatus) {
    if (card.status === to) return;
    if (!canMove(card, to)) {
      explainRefusal(card, to, targetsOf(card));
      return;
    }
    setMessage(null);
    const from = card.status;
    setColumns((now) => moveLocally(now, card.id, to));
    setCounts((now) => shiftCount(now, from, to));
    pending.current += 1;
    let outcome: MoveOutcome<Card>;
    try {
      outcome = await performMove(moveApi, card, to);
    } catch (error) {
      outcome = { kind: "failed", card, error: error as never };
    } finally {
      pending.current -= 1;
    }
    switch (outcome.kind) {
      case "moved":
        setColumns((now) => placeCard(now, outcome.card, card.id));
        setMessage(t("board.moved", { title: card.job.title, to: statusName(to) }));
        break;
      case "reconciled":
        setColumns((now) => placeCard(now, outcome.card, card.id));
        toast(outcome.movedByOther ? t("board.alreadyMoved", { to: statusName(outcome.card.status) }) : t("board.reconciled"), "info");
        break;
      case "refused":
        setColumns((now) => placeCard(now, outcome.card, card.id));
        explainRefusal(outcome.card, to, outcome.allowed);
        break;
      case "gone":
        setColumns((now) => placeCard(now, null, outcome.id));
        toast(t("board.gone"), "error");
        break;
      case "failed":
        setColumns((now) => placeCard(now, outcome.card, card.id));
        toast(errorText(outcome.error), "error");
        break;
    }
    void board.reload(true); // counts and order as the server has them
  }

  // --- pointer drag -----------------------------------------------------------------------------
  const drag = useRef<{ card: Card; x: number; y: number; ghost: HTMLElement | null; source: HTMLElement; id: number } | null>(null);
  const suppressClick = useRef(false);

  const columnAt = (x: number, y: number): ApplicationStatus | null => {
    const element = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-column]");
    return (element?.dataset.column as ApplicationStatus | undefined) ?? null;
  };

  const onPointerDown = (event: PointerEvent, card: Card) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest("select, button")) return;
    drag.current = { card, x: event.clientX, y: event.clientY, ghost: null, source: event.currentTarget as HTMLElement, id: event.pointerId };
  };

  useEffect(() => {
    const move = (event: PointerEvent) => {
      const current = drag.current;
      if (!current || event.pointerId !== current.id) return;
      if (!current.ghost) {
        if (Math.hypot(event.clientX - current.x, event.clientY - current.y) < 6) return;
        const ghost = current.source.cloneNode(true) as HTMLElement;
        ghost.classList.add("card-ghost");
        ghost.removeAttribute("data-card");
        ghost.style.width = `${current.source.getBoundingClientRect().width}px`;
        document.body.appendChild(ghost);
        current.ghost = ghost;
        current.source.classList.add("kcard--dragging");
      }
      event.preventDefault();
      current.ghost.style.transform = `translate(${event.clientX - 20}px, ${event.clientY - 20}px)`;
      setOver(columnAt(event.clientX, event.clientY));
    };
    const up = (event: PointerEvent) => {
      const current = drag.current;
      if (!current || event.pointerId !== current.id) return;
      drag.current = null;
      if (!current.ghost) return;
      current.ghost.remove();
      current.source.classList.remove("kcard--dragging");
      suppressClick.current = true; // the release ends a drag, it is not a click on the card's link
      setTimeout(() => (suppressClick.current = false), 0);
      setOver(null);
      const target = event.type === "pointerup" ? columnAt(event.clientX, event.clientY) : null;
      if (target) void drop(current.card, target);
    };
    document.addEventListener("pointermove", move, { passive: false });
    document.addEventListener("pointerup", up);
    document.addEventListener("pointercancel", up);
    return () => {
      document.removeEventListener("pointermove", move);
      document.removeEventListener("pointerup", up);
      document.removeEventListener("pointercancel", up);
    };
  });

  // --- keyboard drag ------------------------------------------------------------------------------
  const onCardKey = (event: KeyboardEvent, card: Card) => {
    if ((event.target as HTMLElement).closest("select")) return;
    if (!lifted) {
      if (event.key === " ") {
        event.preventDefault();
        setLifted({ card, target: card.status! });
        setMessage(t("board.lifted", { title: card.job.title }));
      } else if (event.key === "Enter") {
        event.preventDefault();
        navigate(`/applications/${card.id}`);
      }
      return;
    }
    const index = BOARD_ORDER.indexOf(lifted.target);
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      const next = BOARD_ORDER[Math.max(0, Math.min(BOARD_ORDER.length - 1, index + (event.key === "ArrowRight" ? 1 : -1)))]!;
      setLifted({ ...lifted, target: next });
      setMessage(t("board.over", { column: statusName(next) }));
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      const { card: moving, target } = lifted;
      setLifted(null);
      void drop(moving, target).then(() => focusCard(moving.id));
    } else if (event.key === "Escape") {
      event.preventDefault();
      setLifted(null);
      setMessage(t("board.cancelled"));
    }
  };

  if (board.loading && !board.data) return <div class="page"><PageHeader title={t("board.title")} /><Loading /></div>;
  return (
    <div class="page page--wide">
      <PageHeader title={t("board.title")} />
      <p class="muted small">{t("board.keysHint")}</p>
      {board.error && <ErrorNote error={board.error} onRetry={() => void board.reload()} />}
      <div class={`board-message${message ? "" : " board-message--empty"}`} role="status" aria-live="assertive" data-testid="board-message">
        {message && <>
          <span>{message}</span>
          <button type="button" class="toast-close" aria-label={t("toast.dismiss")} onClick={() => setMessage(null)}>×</button>
        </>}
      </div>
      {board.data && total === 0 && (
        <Empty title={t("board.emptyTitle")}><p>{t("board.emptyHint")}</p><a class="btn btn--primary" href="/inbox">{t("board.goInbox")}</a></Empty>
      )}
      {total > 0 && (
        <div class="board" data-testid="board">
          {BOARD_ORDER.map((status) => {
            const cards = columns.get(status) ?? [];
            const target = lifted?.target === status || over === status;
            return (
              <section class={`column${target ? " column--over" : ""}${lifted && !canMove(lifted.card, status) && lifted.card.status !== status ? " column--blocked" : ""}`}
                data-column={status} aria-labelledby={`col-${status}`} data-testid={`column-${status}`}>
                <h2 id={`col-${status}`} class="column-title">
                  {statusName(status)} <span class="count">{counts.get(status) ?? cards.length}</span>
                </h2>
                {(silent.get(status) ?? 0) > 0 && (
                  <p class="column-silent small">{tn("board.silentInColumn", silent.get(status)!)}</p>
                )}
                <ul class="plain-list column-cards">
                  {cards.map((card) => (
                    <li class={`kcard${lifted?.card.id === card.id ? " kcard--lifted" : ""}`} data-card={card.id} data-testid="card"
                      tabIndex={0} aria-roledescription={t("board.cardRole")}
                      aria-label={`${card.job.title}, ${card.job.company}, ${statusName(card.status)}${card.noResponse ? `, ${t("board.noResponse")}` : ""}`}
                      onPointerDown={(e) => onPointerDown(e, card)} onKeyDown={(e) => onCardKey(e, card)}>
                      <a href={`/applications/${card.id}`} tabIndex={-1} draggable={false}
                        onClick={(e) => { if (suppressClick.current) e.preventDefault(); }}>
                        <span class="kcard-title">{card.job.title}</span>
                        <span class="kcard-company">{card.job.company}</span>
                      </a>
                      <div class="kcard-meta">
                        <Score card={card} />
                        {card.rating ? <span aria-label={tn("application.stars", card.rating)}>{"★".repeat(card.rating)}</span> : null}
                        {card.followUpAt && <span class="muted small">{t("board.followUp", { date: formatDate(card.followUpAt) })}</span>}
                        <Silence card={card} />
                      </div>
                      <label class="move-to">
                        <span class="visually-hidden">{t("board.moveTo", { title: card.job.title })}</span>
                        <select value="" onChange={(e) => {
                          const to = e.currentTarget.value as ApplicationStatus;
                          e.currentTarget.value = "";
                          if (to) void drop(card, to);
                        }}>
                          <option value="">{t("board.moveMenu")}</option>
                          {BOARD_ORDER.filter((s) => s !== card.status).map((s) => <option value={s}>{statusName(s)}</option>)}
                        </select>
                      </label>
                    </li>
                  ))}
                </ul>
                {cards.length === 0 && <p class="muted small column-empty">{t("board.columnEmpty")}</p>}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

function focusCard(id: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-card="${CSS.escape(id)}"]`)?.focus());
}

function shiftCount(counts: Map<ApplicationStatus, number>, from: ApplicationStatus | null, to: ApplicationStatus) {
  const next = new Map(counts);
  if (from) next.set(from, Math.max(0, (next.get(from) ?? 1) - 1));
  next.set(to, (next.get(to) ?? 0) + 1);
  return next;
}

/** The "no response" flag: no news for the column's threshold of days (any new event clears it). */
export function Silence({ card }: { card: Pick<Card, "noResponse" | "lastActivityAt"> }) {
  if (!card.noResponse) return null;
  const days = daysSince(card.lastActivityAt, new Date()) ?? 0;
  return <span class="badge badge--silent" data-testid="no-response" title={tn("board.noResponseFor", days)}>{t("board.noResponse")}</span>;
}

export function Score({ card }: { card: Pick<Card, "analysisState" | "analysis"> }) {
  if (card.analysis) return <span class="score" data-testid="score">{t("application.scoreShort", { score: card.analysis.score })}</span>;
  if (card.analysisState === "FAILED") return <span class="badge badge--error">{t("application.analysisFailedShort")}</span>;
  if (card.analysisState === "NOT_REQUESTED") return <span class="badge">{t("application.notAnalysedShort")}</span>;
  return <span class="badge badge--pending" data-testid="analysing">{t("application.analysing")}</span>;
}
