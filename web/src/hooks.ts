import { useEffect, useRef, useState } from 'preact/hooks';

// `value`, once it has stopped changing for `ms` milliseconds (search boxes).
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

// Loads once per change of `key`; returns [data, error, reload, replace] — `replace` puts in what
// a write answered (the saved thing itself), so that the next write starts from it at once.
export function useLoad<T>(
  load: () => Promise<T>,
  key: unknown[],
): [T | null, unknown, () => void, (data: T) => void] {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load()
      .then((d) => live && setData(d))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, tick]);
  return [data, error, () => setTick(tick + 1), setData];
}

export interface Action {
  busy: boolean;
  error: unknown;
  // What the last action that went well said (empty until then, and while the next one runs).
  message: string;
  // Runs `work` unless one is still running (a double submit is ignored); true when it went well.
  // `success` is the message for the user, or makes it from what the work answered.
  run: <T>(work: () => Promise<T>, success?: string | ((result: T) => string)) => Promise<boolean>;
  setError: (error: unknown) => void;
  setMessage: (message: string) => void;
}

// A button's or form's call to the server: busy while it runs, its error, its success message.
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const running = useRef(false);
  const run = async <T,>(work: () => Promise<T>, success?: string | ((result: T) => string)) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const result = await work();
      if (success !== undefined) setMessage(typeof success === 'string' ? success : success(result));
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, error, message, run, setError, setMessage };
}

export interface PagedList<P extends { items: unknown[] }> {
  // Every page's items so far, in order; null until the first page has come.
  items: P['items'] | null;
  // The first and the latest page as answered (for what comes with them: pinned posts, totals).
  first: P | null;
  last: P | null;
  error: unknown;
  // A page is on its way.
  busy: boolean;
  // The first page for the current `key` has answered (or failed).
  loaded: boolean;
  hasMore: boolean;
  // Appends the next page (ignored while one is on its way).
  more: () => Promise<void>;
  // Loads the first page again, replacing the list when it comes.
  reload: () => Promise<void>;
  setError: (error: unknown) => void;
}

// A list read a page at a time: the first page whenever `key` changes (the list shown stays until
// the new one comes, unless `reset`), then 「さらに表示」 appends the page after `next(page)`. `load`
// may answer null for "nothing to load" (an empty search). Answers for an earlier key are dropped.
export function usePagedList<P extends { items: unknown[] }, C>(
  load: (cursor: C | undefined) => Promise<P> | null,
  next: (page: P) => C | null | undefined,
  key: unknown[],
  options: { reset?: boolean } = {},
): PagedList<P> {
  const [state, setState] = useState<{ items: P['items'] | null; first: P | null; last: P | null }>({ items: null, first: null, last: null });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const cursor = useRef<C | null | undefined>(null);
  const fetching = useRef(false);

  const fetchPage = async (after: C | undefined) => {
    const mine = generation.current;
    const request = loadRef.current(after);
    setError(null);
    if (!request) {
      setState({ items: null, first: null, last: null });
      cursor.current = null;
      fetching.current = false;
      setBusy(false);
      setLoaded(true);
      return;
    }
    fetching.current = true;
    setBusy(true);
    try {
      const page = await request;
      if (mine !== generation.current) return;
      cursor.current = next(page);
      setState((s) => (after === undefined ? { items: page.items, first: page, last: page } : { items: [...(s.items ?? []), ...page.items] as P['items'], first: s.first, last: page }));
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      if (mine === generation.current) {
        fetching.current = false;
        setBusy(false);
        setLoaded(true);
      }
    }
  };
  const reload = () => {
    generation.current++;
    return fetchPage(undefined);
  };
  const more = async () => {
    if (fetching.current || cursor.current === null || cursor.current === undefined) return;
    await fetchPage(cursor.current);
  };

  useEffect(() => {
    setLoaded(false);
    if (options.reset) setState({ items: null, first: null, last: null });
    void reload();
    return () => {
      generation.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, key);

  return { ...state, error, busy, loaded, hasMore: Boolean(state.last && next(state.last)), more, reload, setError };
}
