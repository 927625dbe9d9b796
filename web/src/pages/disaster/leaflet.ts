// The map library, loaded on the first map shown (the rest of the app does not carry it).
import { useEffect, useState } from 'preact/hooks';

export type Leaflet = typeof import('leaflet');

let loading: Promise<Leaflet> | null = null;

export function useLeaflet(): { L: Leaflet | null; failed: boolean } {
  const [L, setL] = useState<Leaflet | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loading ??= import('./leaflet_setup').then((m) => m.default);
    loading.then(
      (l) => live && setL(() => l),
      () => {
        loading = null;
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { L, failed };
}
