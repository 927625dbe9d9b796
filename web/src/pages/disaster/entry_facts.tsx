// Who a 要援護者 is, where they live and why they need support: the same lines on a team member's
// card, the city's panel and the person's board.
import type { DisasterCodes, DisasterEntry } from '../../api/types';
import { priorityLabel, reasonLabels } from './codes';

export function EntryFacts({ entry: e, codes }: { entry: DisasterEntry; codes: DisasterCodes | null }) {
  return (
    <div class="entry-facts">
      <p class="entry-tags">
        <span class={`priority priority--${e.priority}`}>{priorityLabel(codes, e.priority)}</span>
        <span>{reasonLabels(codes, e.reasons)}</span>
        <span class="muted">{e.area_name || '地区未設定'}</span>
      </p>
      <p>{e.address || '住所未登録'}</p>
      {e.phone && (
        <p>
          <a class="entry-tel" href={`tel:${e.phone.replace(/[^0-9+]/g, '')}`}>
            ☎ {e.phone}
          </a>
        </p>
      )}
    </div>
  );
}
