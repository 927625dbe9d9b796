// The home's position, set by tapping a small map (the marker moves there, and can be dragged) or
// typed as numbers; 位置を消す takes it away. Nothing is looked up from the address: addresses
// never leave Musubi.
import { useEffect, useRef } from 'preact/hooks';
import type { Map as LeafletMap, Marker } from 'leaflet';
import type { MapConfig } from '../../api/types';
import { Field, TextInput } from '../../components/ui';
import { useLeaflet } from './leaflet';

export interface Position {
  latitude: string;
  longitude: string;
}

interface Props {
  config: MapConfig | null;
  value: Position;
  onChange: (p: Position) => void;
  errors: { latitude?: string; longitude?: string };
}

const parsed = (p: Position): [number, number] | null => {
  const lat = Number(p.latitude);
  const lon = Number(p.longitude);
  return p.latitude.trim() && p.longitude.trim() && Number.isFinite(lat) && Number.isFinite(lon) ? [lat, lon] : null;
};

export function LocationPicker({ config, value, onChange, errors }: Props) {
  const { L, failed } = useLeaflet();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  const put = (lat: number, lon: number) => change.current({ latitude: lat.toFixed(6), longitude: lon.toFixed(6) });

  useEffect(() => {
    if (!L || !config || !box.current) return;
    const at = parsed(value);
    const m = L.map(box.current, { center: at ?? config.center, zoom: at ? 16 : config.zoom });
    const layers = Object.fromEntries(config.layers.map((l) => [l.name, L.tileLayer(l.url, { attribution: l.attribution, maxZoom: l.max_zoom })]));
    Object.values(layers)[0]?.addTo(m);
    if (config.layers.length > 1) L.control.layers(layers, undefined, { collapsed: true }).addTo(m);
    m.on('click', (e) => put(e.latlng.lat, e.latlng.lng));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, [L, config]);

  // The marker follows the value, wherever it came from (a tap, a drag, the fields).
  useEffect(() => {
    const m = map.current;
    if (!L || !m) return;
    const at = parsed(value);
    if (!at) {
      marker.current?.remove();
      marker.current = null;
    } else if (marker.current) {
      marker.current.setLatLng(at);
    } else {
      marker.current = L.marker(at, { draggable: true, title: '自宅の位置', alt: '自宅の位置' }).addTo(m);
      marker.current.on('dragend', () => {
        const p = marker.current!.getLatLng();
        put(p.lat, p.lng);
      });
    }
  }, [L, config, value.latitude, value.longitude]);

  return (
    <fieldset class="location-picker">
      <legend>自宅の位置</legend>
      <p class="hint">地図をタップすると、その場所を自宅の位置にします（印はドラッグでも動かせます）。</p>
      {failed ? (
        <p class="muted">地図を読み込めませんでした。緯度・経度を入力してください。</p>
      ) : (
        <div ref={box} class="location-map" role="region" aria-label="自宅の位置を選ぶ地図" />
      )}
      <div class="grid-2">
        <Field id="support-latitude" label="緯度（北緯）" error={errors.latitude}>
          {(p) => <TextInput {...p} inputMode="decimal" value={value.latitude} onValue={(v) => onChange({ ...value, latitude: v })} />}
        </Field>
        <Field id="support-longitude" label="経度（東経）" error={errors.longitude}>
          {(p) => <TextInput {...p} inputMode="decimal" value={value.longitude} onValue={(v) => onChange({ ...value, longitude: v })} />}
        </Field>
      </div>
      <button type="button" class="secondary small" disabled={!value.latitude && !value.longitude} onClick={() => onChange({ latitude: '', longitude: '' })}>
        位置を消す
      </button>
    </fieldset>
  );
}
