// Leaflet with its stylesheet and marker images, bundled by Vite and served by Musubi (never a
// CDN). Imported only by ./leaflet.ts, so that it is a chunk of its own that only map pages load.
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';

// Leaflet looks for its default marker's images beside its stylesheet, by a name the bundler
// changes: give it their URLs instead (an empty path turns the looking off).
L.Icon.Default.imagePath = '';
L.Icon.Default.mergeOptions({ iconRetinaUrl, iconUrl, shadowUrl });

export default L;
