// The stats screen's sentences that are more than a number: what a figure measures, in words that
// agree with the figure in the user's language.
import { formatNumber, tn } from "../i18n";

export interface ResponseFigures {
  applied: number; // applications that reached "Applied" (sent)
  responded: number; // of those, the ones the employer answered (tracker_service/funnel.py, response_stats)
  rate: number; // responded / applied, 0-1
}

/** "0 of 1 sent application answered (0%).": the plural agrees with the applications sent, and the
 *  sentence says what was counted (it read "0 of 1 applications heard back: 0%"). */
export function responseLine(response: ResponseFigures): string {
  return tn("stats.responseLine", response.applied, {
    responded: response.responded,
    rate: formatNumber(response.rate, { style: "percent", maximumFractionDigits: 0 }),
  });
}
