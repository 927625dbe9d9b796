import { useEffect, useState } from 'preact/hooks';

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
