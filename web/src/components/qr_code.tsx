// A QR code as SVG rectangles (no canvas, no inline HTML): the authenticator app's secret on the
// invitation page, the emergency address on 私の大切な情報カード.
import { encode } from 'uqr';

export function QrCode({ text, label, class: className = 'qr-code' }: { text: string; label: string; class?: string }) {
  const qr = encode(text, { ecc: 'M', border: 2 });
  const cells = [];
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (qr.data[y][x]) cells.push(<rect key={`${x}-${y}`} x={x} y={y} width={1} height={1} />);
    }
  }
  return (
    <svg class={className} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      {cells}
    </svg>
  );
}
