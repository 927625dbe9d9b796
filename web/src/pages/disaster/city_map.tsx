// The city's map: a pin per 要援護者 in the colour, letter and shape of their status, ringed in the
// city's label colour; each area as the outline of its homes, shaded by the share still
// unchecked, an area without any report outlined strongly. The tile layers are the server's
// (標準地図 / 航空写真). The list beside it (./person_list.tsx) says the same in text.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { DisasterEntry, MapConfig } from '../../api/types';
import type { CircleMarker, LayerGroup, Map as LeafletMap, Marker } from 'leaflet';
import { LABEL_NAMES, STATUS_URGENCY, statusLook } from './codes';
import { areaOutline, type LatLon } from './hull';
import { useLeaflet, type Leaflet } from './leaflet';

interface Props {
  config: MapConfig;
  // The pins: the filtered entries that have a position.
  pins: DisasterEntry[];
  // The outlines: every entry (filters choose pins, not what an area is).
  all: DisasterEntry[];
  selectedId: number | null;
  onSelect: (personId: number) => void;
}

// Above this many pins, plain circles drawn on a canvas (thousands of DOM pins make an old phone
// crawl); the letters then are in the list only.
const DOM_PIN_LIMIT = 1500;
const STATUS_COLOURS = { unchecked: '#6b7280', safe: '#009e73', noted: '#e69f00', unreachable: '#d55e00' } as const;
const LABEL_COLOURS = { red: '#c00000', blue: '#0055d4', yellow: '#f2c200' } as const;

export const hasPoint = (e: DisasterEntry) => e.latitude !== null && e.longitude !== null;

export function CityMap({ config, pins, all, selectedId, onSelect }: Props) {
  const { L, failed } = useLeaflet();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const pinLayer = useRef<LayerGroup | null>(null);
  const areaLayer = useRef<LayerGroup | null>(null);
  const fitted = useRef(false);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!L || !box.current) return;
    const m = L.map(box.current, { center: config.center, zoom: config.zoom });
    const layers = Object.fromEntries(
      config.layers.map((l) => [l.name, L.tileLayer(l.url, { attribution: l.attribution, maxZoom: l.max_zoom })]),
    );
    Object.values(layers)[0]?.addTo(m);
    if (config.layers.length > 1) L.control.layers(layers, undefined, { collapsed: false }).addTo(m);
    areaLayer.current = L.layerGroup().addTo(m);
    pinLayer.current = L.layerGroup().addTo(m);
    map.current = m;
    fitted.current = false;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [L, config]);

  // The outlines change only with a home's area or position or a first report: a label or a
  // second report redraws no area (their hulls are the costly part with thousands of homes).
  const areaKey = useMemo(() => all.map((e) => `${e.area_id}:${e.latitude},${e.longitude}:${e.status === 'unchecked'}`).join('|'), [all]);
  useEffect(() => {
    if (L && areaLayer.current) drawAreas(L, areaLayer.current, all);
  }, [L, config, areaKey]);

  useEffect(() => {
    const m = map.current;
    if (!L || !m || !pinLayer.current) return;
    drawPins(L, pinLayer.current, pins, selectedId, (id) => select.current(id));
    // The first time there are homes to show, the map frames them; later changes never move it.
    if (!fitted.current && pins.length > 0) {
      m.fitBounds(L.latLngBounds(pins.map((e) => [e.latitude!, e.longitude!] as LatLon)), { padding: [24, 24], maxZoom: 16 });
      fitted.current = true;
    }
  }, [L, config, pins, selectedId]);

  // A person chosen in the list is brought into view.
  useEffect(() => {
    const e = pins.find((p) => p.person_id === selectedId);
    if (e && map.current && !map.current.getBounds().contains([e.latitude!, e.longitude!])) map.current.panTo([e.latitude!, e.longitude!]);
  }, [selectedId]);

  if (failed) return <p class="empty">地図を読み込めませんでした。一覧をご覧ください。</p>;
  return <div ref={box} class="disaster-map" role="region" aria-label="要援護者の地図（同じ内容を一覧でも表示しています）" />;
}

function drawPins(L: Leaflet, layer: LayerGroup, pins: DisasterEntry[], selectedId: number | null, onSelect: (id: number) => void) {
  layer.clearLayers();
  const canvas = pins.length > DOM_PIN_LIMIT ? L.canvas() : null;
  for (const e of pins) {
    const at: LatLon = [e.latitude!, e.longitude!];
    const look = statusLook(e.status);
    const selected = e.person_id === selectedId;
    let pin: Marker | CircleMarker;
    if (canvas) {
      pin = L.circleMarker(at, {
        renderer: canvas,
        radius: e.status === 'unreachable' ? 8 : 6,
        fillColor: e.status === 'unchecked' ? '#ffffff' : STATUS_COLOURS[e.status],
        fillOpacity: 1,
        color: e.label ? LABEL_COLOURS[e.label] : STATUS_COLOURS[e.status],
        weight: e.label || selected ? 4 : 2,
      });
    } else {
      const classes = ['pin', `status--${e.status}`, e.label && `pin--label-${e.label}`, selected && 'pin--selected'];
      pin = L.marker(at, {
        icon: L.divIcon({ className: classes.filter(Boolean).join(' '), html: `<span>${look.letter}</span>`, iconSize: [26, 26], iconAnchor: [13, 13] }),
        title: `${e.name}: ${look.label}${e.label ? `・ラベル${LABEL_NAMES[e.label]}` : ''}`,
        alt: e.name,
        keyboard: true,
        // The ones that need someone most are drawn on top.
        zIndexOffset: (selected ? 5000 : 0) + (3 - STATUS_URGENCY[e.status]) * 1000,
      });
    }
    pin.on('click', () => onSelect(e.person_id));
    pin.addTo(layer);
  }
}

function drawAreas(L: Leaflet, layer: LayerGroup, all: DisasterEntry[]) {
  layer.clearLayers();
  const byArea = new Map<number, DisasterEntry[]>();
  for (const e of all) {
    if (e.area_id === null) continue;
    const list = byArea.get(e.area_id);
    if (list) list.push(e);
    else byArea.set(e.area_id, [e]);
  }
  for (const entries of byArea.values()) {
    const points = entries.filter(hasPoint).map((e) => [e.latitude!, e.longitude!] as LatLon);
    if (points.length === 0) continue;
    const unchecked = entries.filter((e) => e.status === 'unchecked').length;
    const share = unchecked / entries.length;
    const silent = unchecked === entries.length;
    const outline = areaOutline(points);
    L.polygon(outline, {
      color: silent ? '#b3261e' : '#4b5563',
      weight: silent ? 4 : 1.5,
      dashArray: silent ? '10 6' : undefined,
      fillColor: '#d55e00',
      fillOpacity: 0.08 + 0.35 * share,
      interactive: false,
    }).addTo(layer);
    // The name above the outline, not over the pins inside it.
    const top = outline.reduce((a, b) => (b[0] > a[0] ? b : a));
    // (text, never HTML: the city typed the area's name)
    const label = document.createElement('span');
    label.textContent = silent ? `報告なし: ${entries[0].area_name}` : `${entries[0].area_name} 未確認 ${unchecked}/${entries.length}`;
    L.tooltip({ permanent: true, direction: 'top', className: silent ? 'area-tip area-tip--silent' : 'area-tip' })
      .setLatLng(top)
      .setContent(label)
      .addTo(layer);
  }
}
