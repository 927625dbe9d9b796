// Above a care team's board, for its members: what the fire department did for the person —
// 「救急隊が閲覧しました」 (when, and which fire facility; no crew names) and the latest transport a
// crew reported. Nothing shows when the fire department has not looked the person up.
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';

export function EmsActivityBanner({ personId }: { personId: number }) {
  const [activity] = useLoad(() => api.ems.activity(personId), [personId]);
  if (!activity || (activity.views.length === 0 && activity.transports.length === 0)) return null;
  const view = activity.views[0];
  const latest = activity.transports[0];
  return (
    <div class="ems-activity" role="status" aria-label="救急隊の活動">
      {view && (
        <p>
          <strong>救急隊が閲覧しました</strong> {formatDateTime(view.at)} {view.fire_facility}
          {activity.views.length > 1 && `（30日間で${activity.views.length}回）`}
        </p>
      )}
      {latest && (
        <p>
          <strong>救急隊からの報告</strong> {formatDateTime(latest.occurred_at)} {latest.outcome_label}
          {latest.hospital_name && ` → ${latest.hospital_name}`}
          {latest.fire_facility && `（${latest.fire_facility}）`}
        </p>
      )}
    </div>
  );
}
