// 災害対応: the disasters, open ones first. The region administrator opens one (a drill too) and
// closes it; the city (region administrator, 防災担当) sees each one's map and keeps the areas;
// a professional goes to the list of their own persons (安否確認).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { keepDisasterPagesOffline } from '../../api/offline';
import type { Disaster } from '../../api/types';
import { Alert, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import { refreshOpenDisasters } from '../../open_disasters';
import { Link, takeFlash } from '../../router';
import { hasRole, useSession } from '../../session';
import { AreasSection } from './areas';
import { DisasterLine } from './disaster_heading';
import { OfflineNote } from './offline_note';
import { OpenDisasterForm } from './open_form';
import './disaster.css';

export function DisastersPage() {
  const { session } = useSession();
  const regionAdmin = hasRole(session, 'region_admin');
  const city = hasRole(session, 'region_admin', 'disaster_coordinator');
  const professional = hasRole(session, 'professional');
  const [list, error, reload] = useLoad(() => api.disaster.list(), []);
  const [opening, setOpening] = useState(false);
  const [flash] = useState(() => takeFlash<string>());
  useEffect(() => keepDisasterPagesOffline(), []);
  // Back online: the list again, if what shows is the offline copy.
  useEffect(() => {
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [reload]);
  const changed = () => {
    reload();
    void refreshOpenDisasters();
  };
  return (
    <>
      <PageHeader title="災害対応">
        {regionAdmin && !opening && (
          <button type="button" class="primary" onClick={() => setOpening(true)}>
            災害対応を始める
          </button>
        )}
      </PageHeader>
      {flash && <Alert kind="success">{flash}</Alert>}
      <OfflineNote answers={[list]} />
      {opening && <OpenDisasterForm onCancel={() => setOpening(false)} />}
      <ErrorAlert error={error} />
      {!list && !error && <Loading />}
      {list && list.items.length === 0 && <p class="empty">災害対応の記録はありません。</p>}
      {list && list.items.length > 0 && (
        <ul class="disaster-list-page" aria-label="災害対応の一覧">
          {list.items.map((d) => (
            <DisasterRow key={d.id} disaster={d} city={city} professional={professional} canClose={regionAdmin} onChanged={changed} />
          ))}
        </ul>
      )}
      {city && <AreasSection />}
    </>
  );
}

interface RowProps {
  disaster: Disaster;
  city: boolean;
  professional: boolean;
  canClose: boolean;
  onChanged: () => void;
}

function DisasterRow({ disaster: d, city, professional, canClose, onChanged }: RowProps) {
  const action = useAction();
  const open = d.closed_at === null;
  const close = () => {
    if (!window.confirm(`「${d.name}」を終了しますか？ 終了すると安否の状況は変えられなくなります（記録はそのまま残ります）。`)) return;
    void action.run(() => api.disaster.close(d.id)).then((ok) => ok && onChanged());
  };
  return (
    <li class={'card disaster-item' + (open ? ' disaster-item--open' : '')}>
      <DisasterLine disaster={d} />
      <div class="button-row">
        {city && (
          <Link href={`/disaster/${d.id}`} class="button primary">
            地図と集計
          </Link>
        )}
        {professional && (
          <Link href={`/disaster/${d.id}/mine`} class={'button ' + (city ? 'secondary' : 'primary')}>
            安否確認（担当の方）
          </Link>
        )}
        {canClose && open && (
          <button type="button" class="danger" disabled={action.busy} onClick={close}>
            終了する
          </button>
        )}
      </div>
      <ErrorAlert error={action.error} />
    </li>
  );
}
