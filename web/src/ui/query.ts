// Loading a screen's data: fetch on mount and when the variables change, refetch quietly after a
// live event that concerns it or when events may have been missed; a late answer to an older request
// never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { LiveEvent } from "../api/events";
import type { Doc } from "../api/graphql";
import { ApiError } from "../api/graphql";
import { api, useLiveEvents, useResync } from "../app";

export interface QueryResult<R> {
  data: R | null;
  error: ApiError | null;
  loading: boolean;
  reload: (quiet?: boolean) => Promise<void>;
  setData: (update: (current: R | null) => R | null) => void;
}

export function useQuery<R, V>(
  doc: Doc<R, V>,
  variables: V,
  options: { refetchOn?: (event: LiveEvent) => boolean; skip?: boolean } = {},
): QueryResult<R> {
  const [data, setDataState] = useState<R | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(!options.skip);
  const sequence = useRef(0);
  const key = JSON.stringify(variables);
  const variablesRef = useRef(variables);
  variablesRef.current = variables;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async (quiet = false) => {
    const mine = ++sequence.current;
    if (!quiet) setLoading(true);
    try {
      const result = await api.request(doc, variablesRef.current);
      if (mine !== sequence.current) return;
      setDataState(result);
      setError(null);
    } catch (caught) {
      if (mine !== sequence.current) return;
      if (caught instanceof ApiError) setError(caught);
      else throw caught;
    } finally {
      if (mine === sequence.current) setLoading(false);
    }
  }, [doc, key]);

  useEffect(() => {
    if (!options.skip) void reload();
  }, [reload, options.skip]);

  useResync(() => {
    if (!options.skip) void reload(true);
  });

  useLiveEvents((event) => {
    if (options.skip || !options.refetchOn?.(event)) return;
    // Events come in bursts (a run's progress, a bulk approval): one refetch per burst.
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void reload(true), 250);
  });

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const setData = useCallback((update: (current: R | null) => R | null) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
