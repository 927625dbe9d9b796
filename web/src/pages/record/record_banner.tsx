// Above a team's board: the latest もしものとき in a few words (what matters first in an
// emergency) and the consent warning when there is no valid consent.
import type { RecordBadges } from '../../api/types';
import { formatDate } from '../../format';
import { CONSENT_STATE_TEXT } from './consent';

type Tab = 'acp' | 'consent';

// Shown to the team's members only: the server sends no record to anyone else.
export function RecordBanner({ record: r, onOpen }: { record: RecordBadges; onOpen: (tab: Tab) => void }) {
  const consentOk = r.consent === 'valid';
  return (
    <div class="record-banner">
      {r.acp_headline ? (
        <button type="button" class="acp-banner" onClick={() => onOpen('acp')}>
          <span class="acp-banner-title">もしものとき</span>
          <span class="acp-banner-text">{r.acp_headline}</span>
          {r.acp_discussed_on && <span class="acp-banner-day">{formatDate(r.acp_discussed_on)}の話し合い</span>}
        </button>
      ) : (
        <button type="button" class="acp-banner acp-banner--empty" onClick={() => onOpen('acp')}>
          <span class="acp-banner-title">もしものとき</span>
          <span class="acp-banner-text">まだ話し合いの記録がありません</span>
        </button>
      )}
      {!consentOk && (
        <button type="button" class={'consent-banner consent-banner--' + r.consent} onClick={() => onOpen('consent')}>
          <strong>{r.consent === 'missing' ? '同意なし' : '同意'}</strong>: {CONSENT_STATE_TEXT[r.consent]}
          {r.consent_expires_on && `（期限: ${formatDate(r.consent_expires_on)}）`}
        </button>
      )}
    </div>
  );
}
