// The line under a disaster page's title: its name, 訓練 for a drill, its kind, the areas, when
// it started (and ended).
import type { Disaster } from '../../api/types';
import { formatDateTime } from '../../format';

export function DrillBadge({ drill }: { drill: boolean }) {
  return drill ? <span class="badge badge--drill">訓練</span> : null;
}

export function areaNames(d: Disaster): string {
  return d.areas.length ? d.areas.map((a) => a.name).join('・') : '全域';
}

export function DisasterLine({ disaster: d }: { disaster: Disaster }) {
  return (
    <p class="disaster-line">
      <strong>{d.name}</strong> <DrillBadge drill={d.drill} /> <span class="badge">{d.kind_label}</span>
      {d.closed_at ? <span class="badge badge--muted">終了</span> : <span class="badge badge--active">対応中</span>}
      <span class="muted small">
        対象: {areaNames(d)}・開始 {formatDateTime(d.started_at)}（{d.opened_by_name}）
        {d.closed_at && `・終了 ${formatDateTime(d.closed_at)}`}
      </span>
    </p>
  );
}
