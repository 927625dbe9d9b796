// An area's outline on the map, made in the browser from its persons' homes: the convex hull of
// small octagons around each point, so that one point is a small circle, two a capsule, and every
// home lies inside its area's shape rather than on its edge.

export type LatLon = [number, number];

// 1 m in degrees of latitude; a degree of longitude is shorter by cos(latitude).
const DEGREES_PER_METRE = 1 / 111_320;

const cross = (o: LatLon, a: LatLon, b: LatLon) => (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);

// Andrew's monotone chain over [lat, lon] (x = lon, y = lat): the hull counter-clockwise.
export function convexHull(points: LatLon[]): LatLon[] {
  const p = [...points].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  if (p.length < 3) return p;
  const lower: LatLon[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: LatLon[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p[i]) <= 0) upper.pop();
    upper.push(p[i]);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

export function areaOutline(points: LatLon[], padMetres = 150): LatLon[] {
  const around: LatLon[] = [];
  for (const [lat, lon] of points) {
    const dLat = padMetres * DEGREES_PER_METRE;
    const dLon = dLat / Math.cos((lat * Math.PI) / 180);
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      around.push([lat + dLat * Math.sin(a), lon + dLon * Math.cos(a)]);
    }
  }
  return convexHull(around);
}
