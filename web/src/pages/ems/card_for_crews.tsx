// The QR code of 私の大切な情報カード opened by a signed-in account of the care network: it opens
// nothing — the card is for the fire department's crews (救急情報連携).
import { Alert, PageHeader } from '../../components/ui';

export function CardForCrewsPage() {
  return (
    <>
      <PageHeader title="私の大切な情報カード" />
      <Alert kind="info">このQRコードは、救急隊の端末（救急情報連携）でだけ開けます。ご本人の情報は、ケアチームの画面でご覧ください。</Alert>
    </>
  );
}
