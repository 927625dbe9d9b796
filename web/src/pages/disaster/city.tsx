// The city's picture of a disaster (region administrator, 防災担当): the totals, the areas with no
// report, the map and the list beside it under the same filters, one person's entry with the
// colour label, and the counts by area and priority. Live: each change refetches only what
// changed since the version last seen (/map?since=) and the summary. Offline, a reload shows the
// phone's last copy of the whole map and summary (「オフライン表示」).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { cachedAt, keepDisasterPagesOffline } from '../../api/offline';
import type { DisasterEntry, DisasterSummary, SafetyStatus } from '../../api/types';
import { Alert, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../hooks';
import { Link, takeFlash } from '../../router';
import { CityMap, hasPoint } from './city_map';
import { STATUS_URGENCY, useDisasterCodes } from './codes';
import { DisasterLine } from './disaster_heading';
import { EntryPanel } from './entry_panel';
import { OfflineNote } from './offline_note';
import { FilterBar, matches, NO_FILTERS, type Filters } from './filters';
import { PersonList } from './person_list';
import { AreaTable, PriorityTable, SilentAreas, TotalsBand } from './totals';
import { useDisasterLive } from './use_disaster_live';
import './disaster.css';

const byUrgency = (a: DisasterEntry, b: DisasterEntry) =>
  a.priority - b.priority || STATUS_URGENCY[a.status] - STATUS_URGENCY[b.status] || a.name_kana.localeCompare(b.name_kana, 'ja');

// Entries by person, merged from full and partial answers; an older version never replaces a newer.
function merge(old: Map<number, DisasterEntry>, items: DisasterEntry[], full: boolean): Map<number, DisasterEntry> {
  const next = full ? new Map<number, DisasterEntry>() : new Map(old);
  for (const e of items) {
    const had = next.get(e.person_id);
    if (!had || had.version <= e.version) next.set(e.person_id, e);
  }
  return next;
}

export function DisasterCityPage({ id }: { id: string }) {
  const codes = useDisasterCodes();
  const [disaster, disasterError, reloadDisaster] = useLoad(() => api.disaster.get(id), [id]);
  const [config, configError] = useLoad(() => api.disaster.mapConfig(), []);
  const [entries, setEntries] = useState<Map<number, DisasterEntry> | null>(null);
  const [summary, setSummary] = useState<DisasterSummary | null>(null);
  const [mapAnswer, setMapAnswer] = useState<object | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const version = useRef<number | undefined>(undefined);
  const [flash] = useState(() => takeFlash<string>());

  const refetch = async () => {
    if (disasterError || cachedAt(disaster)) reloadDisaster();
    try {
      const [changes, counts] = await Promise.all([api.disaster.map(id, version.current), api.disaster.summary(id)]);
      setEntries((old) => merge(old ?? new Map(), changes.items, changes.full || !old));
      version.current = Math.max(version.current ?? 0, changes.version);
      setMapAnswer(changes);
      setSummary(counts);
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void refetch(), [id]);
  useEffect(() => keepDisasterPagesOffline(), []);
  useDisasterLive(Number(id), refetch);

  const all = useMemo(() => [...(entries?.values() ?? [])], [entries]);
  const shown = useMemo(() => all.filter((e) => matches(e, filters)).sort(byUrgency), [all, filters]);
  const located = useMemo(() => shown.filter(hasPoint), [shown]);
  const unlocated = useMemo(() => shown.filter((e) => !hasPoint(e)), [shown]);
  const selected = selectedId === null ? undefined : entries?.get(selectedId);

  if (disasterError && !disaster) return <ErrorAlert error={disasterError} />;
  if (!disaster) return <Loading />;
  const chooseStatus = (status: SafetyStatus | '') => setFilters({ ...filters, status });
  return (
    <>
      <PageHeader title="災害対応の状況">
        <Link href="/disaster" class="button secondary">
          災害対応の一覧
        </Link>
      </PageHeader>
      <DisasterLine disaster={disaster} />
      <OfflineNote answers={[disaster, mapAnswer, summary]} />
      {flash && <Alert kind="success">{flash}</Alert>}
      <ErrorAlert error={error} />
      {!summary || !entries ? (
        !error && <Loading />
      ) : (
        <>
          <TotalsBand totals={summary.totals} chosen={filters.status} onChoose={chooseStatus} />
          <SilentAreas summary={summary} onChoose={(area) => setFilters({ ...filters, area: String(area) })} />
          <FilterBar filters={filters} onChange={setFilters} summary={summary} codes={codes} />
          <div class="city-layout">
            <div class="city-map">
              <ErrorAlert error={configError} />
              {config && <CityMap config={config} pins={located} all={all} selectedId={selectedId} onSelect={setSelectedId} />}
            </div>
            <div class="city-side">
              {selected && (
                <EntryPanel
                  disasterId={disaster.id}
                  entry={selected}
                  codes={codes}
                  closed={disaster.closed_at !== null}
                  onChanged={(e) => setEntries((old) => merge(old ?? new Map(), [e], false))}
                  onClose={() => setSelectedId(null)}
                />
              )}
              <PersonList located={located} unlocated={unlocated} selectedId={selectedId} onSelect={setSelectedId} codes={codes} />
            </div>
          </div>
          <div class="counts-tables">
            <AreaTable summary={summary} />
            <PriorityTable summary={summary} codes={codes} />
          </div>
        </>
      )}
    </>
  );
}
