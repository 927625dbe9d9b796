// Finding professionals of the region by name or reading, to add to a team or group or to start
// a conversation with: a search box and the matches, each with one button.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Colleague } from '../api/types';
import { useDebounced, useLoad } from '../hooks';

interface Props {
  id: string;
  action: string; // the button on each match (追加, 選ぶ)
  onPick: (c: Colleague) => void;
  hide?: (c: Colleague) => boolean; // already there
  children?: ComponentChildren; // beside the search box (a role to add them with)
}

export function ColleagueSearch({ id, action, onPick, hide, children }: Props) {
  const [q, setQ] = useState('');
  const term = useDebounced(q, 250);
  const [found] = useLoad(
    () => (term.trim() ? api.region.colleagues(term) : Promise.resolve({ items: [] })),
    [term],
  );
  return (
    <>
      <div class="search-bar">
        <label for={id} class="visually-hidden">
          名前・ふりがなで探す
        </label>
        <input id={id} type="search" placeholder="名前・ふりがなで探す" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        {children}
      </div>
      <ul class="plain-list">
        {found?.items
          .filter((c) => !hide?.(c))
          .map((c) => (
            <li key={c.id} class="candidate">
              <span>
                {c.name}
                <span class="muted">
                  {' '}
                  {c.facility_name} {c.profession_name}
                </span>
              </span>
              <button type="button" class="secondary small" onClick={() => onPick(c)}>
                {action}
              </button>
            </li>
          ))}
      </ul>
    </>
  );
}
